package dev.herder;

import dev.herder.bridge.Builders;
import dev.herder.bridge.KotlinxInternals;
import dev.herder.internal.CoroutineFuture;
import dev.herder.internal.Failures;
import dev.herder.internal.KotlinxCheck;
import dev.herder.internal.Sneaky;
import dev.herder.internal.TestRunner;
import java.util.concurrent.CompletableFuture;
import kotlin.coroutines.CoroutineContext;

/**
 * The entry point: run coroutine tests from Java, and call suspend functions outside a test.
 *
 * <pre>{@code
 * @Test
 * void herdingMovesThePleasedCat() {
 *     Cat garfield = new Cat("Garfield");
 *     Coroutines.runBlockingTest(scope -> {
 *         boolean moved = scope.await(c -> HerdKt.herd(garfield, "forward", c));
 *         assertThat(moved).isTrue();
 *         assertThat(scope.currentTime()).isEqualTo(1_000);   // the cat's delay, on virtual time
 *     });
 * }
 * }</pre>
 */
public final class Coroutines {
    private Coroutines() {}

    /**
     * Runs {@code body} as a coroutine test with the {@linkplain TestOptions#defaults() default options}: virtual
     * time on kotlinx's {@code StandardTestDispatcher}, a 60 s wall-clock timeout.
     *
     * @see #runBlockingTest(TestOptions, TestBody)
     */
    public static void runBlockingTest(TestBody body) {
        runBlockingTest(TestOptions.defaults(), body);
    }

    /**
     * Runs {@code body} on the calling thread as the body of kotlinx-coroutines-test's {@code runTest}, and blocks
     * until the test is over: the body has returned and every coroutine it started has completed (virtual time
     * advances as needed). {@code Dispatchers.Main} is the test's dispatcher meanwhile and is reset afterwards.
     *
     * <p>Throws the first failure of the test, unchanged: the body's own exception, or the failure of a coroutine it
     * launched, or of a future it never looked at.
     *
     * @throws CoroutineTestTimeoutError if the test ran past {@code options.timeout()} of wall-clock time; the
     *     message names each coroutine still running and where it is suspended
     * @throws IllegalStateException if called inside another {@code runBlockingTest} on this thread, or for
     *     {@link DispatcherKind#VIRTUAL_THREADS} on a JDK without virtual threads
     * @throws IllegalArgumentException if {@code options} or {@code body} is null
     */
    public static void runBlockingTest(TestOptions options, TestBody body) {
        if (options == null) {
            throw Failures.nullArgument("Coroutines.runBlockingTest", "options", "TestOptions.defaults()");
        }
        if (body == null) {
            throw Failures.nullArgument("Coroutines.runBlockingTest", "a test body", "scope -> { ... }");
        }
        TestRunner.run(options.toRunSpec(), body::run);
    }

    /**
     * Calls a suspend function on the calling thread with kotlinx's {@code runBlocking}, on real time.
     *
     * <pre>{@code User user = Coroutines.runBlocking(c -> repo.find("id", c));}</pre>
     *
     * <p>Throws the call's exception object, unchanged.
     *
     * @throws IllegalStateException inside a coroutine test: use {@code scope.await(...)} there
     * @throws IllegalArgumentException if {@code call} is null
     */
    @SuppressWarnings("unchecked")
    public static <T> T runBlocking(SuspendCall<T> call) {
        KotlinxCheck.require();
        if (call == null) {
            throw Failures.nullCall("Coroutines.runBlocking");
        }
        if (TestRunner.insideTest()) {
            throw Failures.blockingInsideTest();
        }
        try {
            return (T) Builders.runBlocking(call::invoke);
        } catch (Throwable t) {
            throw Sneaky.rethrow(KotlinxInternals.originalOf(t));
        }
    }

    /**
     * Starts a suspend call as a coroutine in {@code context} (for example {@code Dispatchers.getIO()}) and returns
     * its result as a future, on real time. Cancelling the future cancels the coroutine.
     *
     * <pre>{@code CompletableFuture<User> user = Coroutines.future(Dispatchers.getIO(), c -> repo.find("id", c));}</pre>
     *
     * @throws IllegalArgumentException if {@code context} or {@code call} is null
     */
    public static <T> CompletableFuture<T> future(CoroutineContext context, SuspendCall<T> call) {
        KotlinxCheck.require();
        if (context == null) {
            throw Failures.nullArgument("Coroutines.future", "a coroutine context", "Dispatchers.getIO()");
        }
        if (call == null) {
            throw Failures.nullCall("Coroutines.future");
        }
        CoroutineFuture<T> future = new CoroutineFuture<>();
        future.bind(Builders.async(context, call::invoke));
        return future;
    }
}
