package dev.herder;

/**
 * The body of a coroutine test: plain blocking Java that drives coroutines through its {@link CoroutineTestScope}.
 *
 * <pre>{@code
 * Coroutines.runBlockingTest(scope -> {
 *     boolean moved = scope.await(c -> HerdKt.herd(cat, "forward", c));
 *     assertThat(moved).isTrue();
 * });
 * }</pre>
 */
@FunctionalInterface
public interface TestBody {
    /**
     * Runs the test on the calling thread.
     *
     * @param scope the test's scope; valid only on this thread and until this method returns
     * @throws Throwable any failure, which fails the test as it is
     */
    void run(CoroutineTestScope scope) throws Throwable;
}
