package dev.herder.mock;

import org.mockito.Mockito;
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
    private SuspendMocks() {}

    /**
     * A Mockito mock of {@code type} whose unstubbed suspend functions fail the call with an {@link AssertionError}
     * naming the mock and method (instead of returning {@code null} into Kotlin code). Other methods answer as
     * Mockito's defaults.
     *
     * @throws IllegalStateException if Mockito is not on the classpath
     */
    public static <T> T mock(Class<T> type) {
        Frameworks.requireMockito();
        return Mockito.mock(type, Mockito.withSettings().defaultAnswer(new MockitoAnswers.Strict()));
    }

    /** As {@link #mock(Class)}, named {@code name} in messages. */
    public static <T> T mock(Class<T> type, String name) {
        Frameworks.requireMockito();
        return Mockito.mock(type, Mockito.withSettings().name(name).defaultAnswer(new MockitoAnswers.Strict()));
    }

    /**
     * Starts stubbing the suspend call {@code call} on {@code mock} (any Mockito mock or spy); Mockito matchers work
     * inside the lambda.
     *
     * @throws IllegalStateException if Mockito is not on the classpath
     */
    @SuppressWarnings("unchecked")
    public static <M, T> SuspendStubbing<T> whenever(M mock, MockCall<M, T> call) {
        Frameworks.requireMockito();
        Recording.record(mock, call);
        return new MockitoStubbing<>(Mockito.when((Object) null));
    }

    /**
     * Verifies that {@code call} happened exactly once: Python's {@code assert_awaited_once_with}.
     *
     * @throws AssertionError (Mockito's) if it did not
     */
    public static <M> void verify(M mock, MockCall<M, ?> call) {
        verify(mock, Mockito.times(1), call);
    }

    /**
     * Verifies {@code call} with a Mockito mode: {@code times(n)}, {@code never()}, {@code atLeast(n)}, …
     *
     * @throws AssertionError (Mockito's) if it did not
     */
    public static <M> void verify(M mock, VerificationMode mode, MockCall<M, ?> call) {
        Frameworks.requireMockito();
        Recording.record(Mockito.verify(mock, mode), call);
    }

    /** Mockito's in-order verification for suspend calls of {@code mocks}. */
    public static SuspendInOrder inOrder(Object... mocks) {
        Frameworks.requireMockito();
        return new SuspendInOrder(Mockito.inOrder(mocks));
    }
}
