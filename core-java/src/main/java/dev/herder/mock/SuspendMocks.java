package dev.herder.mock;

import org.mockito.verification.VerificationMode;

/**
 * Mock suspend functions from Java with Mockito: stubs that can truly suspend, and verification with Mockito's
 * matchers and modes. Mockito is an optional dependency of Herder: add {@code org.mockito:mockito-core}.
 *
 * <pre>{@code
 * Repo repo = SuspendMocks.mock(Repo.class);
 * SuspendMocks.whenever(repo, (r, c) -> r.find(eq("id"), c)).thenReturnAfter(Duration.ofSeconds(5), user);
 * Coroutines.runBlockingTest(scope -> {
 *     User found = scope.await(c -> service.load("id", c));
 *     assertThat(scope.currentTime()).isEqualTo(5_000);
 * });
 * SuspendMocks.verify(repo, times(1), (r, c) -> r.find("id", c));
 * }</pre>
 *
 * <p>The stubbing and verification lambdas call the mock with the continuation they are given; Mockito leaves the
 * continuation out of argument matching, so use matchers for the other arguments only.
 */
public final class SuspendMocks {
    // Method bodies here name no Mockito type, so this class loads without Mockito and can say what is missing.
    private SuspendMocks() {}

    /**
     * A Mockito mock of {@code type} whose unstubbed suspend functions fail the call with an {@link AssertionError}
     * naming the mock and method (instead of returning {@code null} into Kotlin code). Other methods answer as
     * Mockito's defaults.
     *
     * @throws IllegalStateException if Mockito is not on the classpath
     */
    public static <T> T mock(Class<T> type) {
        MockFailures.notNull(type, "SuspendMocks.mock", "the type to mock", "SuspendMocks.mock(UserRepository.class)");
        MockFailures.notAFunctionType(type);
        Frameworks.requireMockito();
        return MockitoFlavour.mock(type, null);
    }

    /** As {@link #mock(Class)}, named {@code name} in messages. */
    public static <T> T mock(Class<T> type, String name) {
        MockFailures.notNull(type, "SuspendMocks.mock", "the type to mock", "SuspendMocks.mock(UserRepository.class, \"users\")");
        MockFailures.notAFunctionType(type);
        Frameworks.requireMockito();
        return MockitoFlavour.mock(type, name);
    }

    /**
     * Starts stubbing the suspend call {@code call} on {@code mock} (any Mockito mock or spy); Mockito matchers work
     * inside the lambda.
     *
     * @throws IllegalStateException if Mockito is not on the classpath
     */
    public static <M, T> SuspendStubbing<T> whenever(M mock, MockCall<M, T> call) {
        MockFailures.mock(mock, "SuspendMocks.whenever");
        MockFailures.call(call, "SuspendMocks.whenever");
        Frameworks.requireMockito();
        return MockitoFlavour.whenever(mock, call);
    }

    /**
     * Verifies that {@code call} happened exactly once, with these arguments: Mockito's {@code verify(mock)} for a
     * suspend call.
     *
     * @throws AssertionError (Mockito's) if it did not
     */
    public static <M> void verify(M mock, MockCall<M, ?> call) {
        MockFailures.mock(mock, "SuspendMocks.verify");
        MockFailures.call(call, "SuspendMocks.verify");
        Frameworks.requireMockito();
        MockitoFlavour.verifyOnce(mock, call);
    }

    /**
     * Verifies {@code call} with a Mockito mode: {@code times(n)}, {@code never()}, {@code atLeast(n)}, …
     *
     * @throws AssertionError (Mockito's) if it did not
     */
    public static <M> void verify(M mock, VerificationMode mode, MockCall<M, ?> call) {
        MockFailures.mock(mock, "SuspendMocks.verify");
        MockFailures.notNull(mode, "SuspendMocks.verify", "a verification mode", "Mockito.times(2) or Mockito.never()");
        MockFailures.call(call, "SuspendMocks.verify");
        Frameworks.requireMockito();
        MockitoFlavour.verify(mock, mode, call);
    }

    /** Mockito's in-order verification for suspend calls of {@code mocks}. */
    public static SuspendInOrder inOrder(Object... mocks) {
        MockFailures.notNull(mocks, "SuspendMocks.inOrder", "the mocks", "SuspendMocks.inOrder(repository, mailer)");
        for (Object mock : mocks) {
            MockFailures.mock(mock, "SuspendMocks.inOrder");
        }
        Frameworks.requireMockito();
        return MockitoFlavour.inOrder(mocks);
    }

    /**
     * Starts a {@code doReturn}-style stubbing, for spies: {@code SuspendMocks.doReturn(ann).when(spy, (r, c) ->
     * r.find(eq("1"), c))} never calls the real method (see {@link SuspendStubber}).
     */
    public static <T> SuspendStubber<T> doReturn(T value) {
        return new SuspendStubber<>(Answers.value(value));
    }

    /** As {@link #doReturn}, throwing {@code failure} (as it is, checked ones too). */
    public static <T> SuspendStubber<T> doThrow(Throwable failure) {
        MockFailures.notNull(failure, "SuspendMocks.doThrow", "the exception", "new IOException(\"down\")");
        return new SuspendStubber<>(Answers.failure(failure));
    }

    /** As {@link #doReturn}, suspending for {@code delay} of the caller's time first. */
    public static <T> SuspendStubber<T> doReturnAfter(java.time.Duration delay, T value) {
        return new SuspendStubber<>(Answers.valueAfter(delay, value));
    }

    /** As {@link #doReturn}, with an answer that may suspend. */
    public static <T> SuspendStubber<T> doAnswer(SuspendAnswer<? extends T> answer) {
        MockFailures.notNull(answer, "SuspendMocks.doAnswer", "the answer", "(args, c) -> ...");
        return new SuspendStubber<>(Answers.custom(answer));
    }

    /** As {@link #doReturn}, suspending until the caller is cancelled. */
    public static <T> SuspendStubber<T> doNeverReturn() {
        return new SuspendStubber<>(Answers.never());
    }
}
