package dev.herder.mock;

import dev.herder.bridge.StubAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * Mockito's {@code doReturn(...).when(spy)} form for suspend functions: the answers come first and the call is named
 * last, so stubbing never calls the real method — what a spy needs, since {@link SuspendMocks#whenever} calls it
 * (as Mockito's {@code when} does) and real Kotlin code run with the recording continuation fails.
 *
 * <pre>{@code
 * UserRepository spy = Mockito.spy(new InMemoryUserRepository());
 * SuspendMocks.doReturn(ann).when(spy, (r, c) -> r.find(eq("1"), c));
 * SuspendMocks.doThrow(new IOException("down")).when(spy, (r, c) -> r.save(any(), c));
 * }</pre>
 *
 * Answers chain with Mockito's rule: {@code doReturn(a).thenReturn(b)} answers the first call with {@code a} and every
 * later one with {@code b}. Get one from {@code SuspendMocks.doReturn/doThrow/doReturnAfter/doAnswer/doNeverReturn}.
 *
 * @param <T> what the stubbed suspend function returns
 */
public final class SuspendStubber<T> {
    private final List<StubAnswer> answers = new ArrayList<>();

    SuspendStubber(StubAnswer first) {
        answers.add(first);
    }

    /** Then answers the next call with {@code value}. */
    public SuspendStubber<T> thenReturn(T value) {
        answers.add(Answers.value(value));
        return this;
    }

    /** Then throws {@code failure} at the next call, as it is. */
    public SuspendStubber<T> thenThrow(Throwable failure) {
        MockFailures.notNull(failure, "SuspendStubber.thenThrow", "the exception", "new IOException(\"down\")");
        answers.add(Answers.failure(failure));
        return this;
    }

    /** Then answers the next call with {@code answer}, which may suspend. */
    public SuspendStubber<T> thenAnswer(SuspendAnswer<? extends T> answer) {
        MockFailures.notNull(answer, "SuspendStubber.thenAnswer", "the answer", "(args, c) -> ...");
        answers.add(Answers.custom(answer));
        return this;
    }

    /**
     * Stubs {@code call} on {@code mock} (a Mockito mock or spy) with these answers, without calling its real method.
     *
     * @throws IllegalArgumentException if {@code mock} is not a Mockito mock or {@code call} is null
     */
    public <M> void when(M mock, MockCall<M, T> call) {
        MockFailures.mock(mock, "SuspendStubber.when");
        MockFailures.call(call, "SuspendStubber.when");
        Frameworks.requireMockito();
        MockitoFlavour.doAnswers(answers, mock, call);
    }
}
