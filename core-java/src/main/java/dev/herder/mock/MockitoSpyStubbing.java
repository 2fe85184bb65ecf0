package dev.herder.mock;

import dev.herder.bridge.StubAnswer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * {@code SuspendMocks.whenever} on a Mockito spy: the call is recorded in Mockito's {@code doAnswer(...).when(spy)}
 * form, so recording it never runs the real method (which would get the matchers' nulls — a suspend lambda among
 * them — as mockk's {@code coEvery} on a {@code spyk} never does); the answers given afterwards follow Mockito's
 * consecutive-answer rule (in order, the last one repeats). Until one is given, the spy's real method answers.
 */
final class MockitoSpyStubbing<T> extends AbstractSuspendStubbing<T> implements Answer<Object> {
    private final List<Answer<Object>> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    void add(StubAnswer answer) {
        answers.add(MockitoAnswers.suspending(answer));
    }

    @Override
    public Object answer(InvocationOnMock invocation) throws Throwable {
        if (answers.isEmpty()) {
            return invocation.callRealMethod();
        }
        int call = calls.getAndIncrement();
        return answers.get(Math.min(call, answers.size() - 1)).answer(invocation);
    }
}
