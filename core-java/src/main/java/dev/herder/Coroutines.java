package dev.herder;

import dev.herder.bridge.Builders;
import dev.herder.bridge.kotlinx.JobInternals;
import dev.herder.internal.future.CoroutineFuture;
import dev.herder.internal.Failures;
import dev.herder.internal.KotlinxCheck;
import dev.herder.internal.Sneaky;
import dev.herder.internal.run.TestDriver;
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
        TestDriver.run(options.toRunSpec(), body::run);
    }

    /**
     * Runs {@code block} on the calling test thread while the threads it starts may use the test's scope as the test
     * thread does — the way JUnit 4 runs a method with {@code @Test(timeout = …)} or inside a {@code Timeout} rule: on
     * a thread of its own while the test thread waits. {@code CoroutineTestRule} runs each test method so.
     *
     * <pre>{@code
     * Coroutines.runBlockingTest(scope -> Coroutines.shareWithChildThreads(s -> {
     *     Thread worker = new Thread(() -> s.await(Suspend.delay(Duration.ofSeconds(1))));
     *     worker.start();
     *     worker.join();
     * }));
     * }</pre>
     *
     * <p>A thread the test thread creates while {@code block} runs (and a thread such a thread creates) may call the
     * waiting methods, one thread at a time: a call waits while another thread's call drives the loop. A thread created
     * from inside a coroutine (a dispatcher's worker) may not, nor may any thread while it runs a coroutine. A
     * {@code Dispatchers.Main} dispatch from a thread started so goes to the test's Main. When {@code block} returns or
     * throws, the test thread takes the scope back: a thread still inside a call is interrupted, and waited for until
     * the test's wall-clock timeout.
     *
     * @param block runs on the calling thread, with the test's scope
     * @throws Throwable what {@code block} throws, as it is
     * @throws IllegalStateException if called outside a test body's thread, or inside another
     *     {@code shareWithChildThreads}; or if a thread was still inside a call at the test's timeout (attached as
     *     suppressed when {@code block} failed too)
     */
    public static void shareWithChildThreads(TestBody block) throws Throwable {
        if (block == null) {
            throw Failures.nullArgument("Coroutines.shareWithChildThreads", "a block", "scope -> base.evaluate()");
        }
        TestDriver.shareWithChildThreads(block::run);
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
        if (TestDriver.insideTest()) {
            throw Failures.blockingInsideTest();
        }
        try {
            return (T) Builders.runBlocking(call::invoke);
        } catch (Throwable t) {
            throw Sneaky.rethrow(JobInternals.originalOf(t));
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
