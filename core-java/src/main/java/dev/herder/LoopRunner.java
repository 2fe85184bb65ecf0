package dev.herder;

import dev.herder.bridge.Builders;
import dev.herder.internal.future.CoroutineFuture;
import dev.herder.internal.Failures;
import dev.herder.internal.KotlinxCheck;
import dev.herder.internal.Sneaky;
import dev.herder.internal.run.TestDispatchers;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.CompletableJob;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.ExecutorsKt;
import kotlinx.coroutines.JobKt;
import kotlinx.coroutines.SupervisorKt;

/**
 * One dedicated thread running one event loop, for coroutines that must all run on the same thread (a thread-confined
 * resource, a single-threaded library). Calls are submitted from any thread and run on {@link #thread()}; real time applies.
 *
 * <pre>{@code
 * try (LoopRunner loop = LoopRunner.start("ui-loop")) {
 *     CompletableFuture<User> user = loop.submit(c -> repo.find("id", c));   // runs on loop.thread()
 *     User same = loop.runBlocking(c -> repo.find("id", c));                 // waits on this thread
 * }
 * }</pre>
 *
 * <p>{@link #close()} cancels what is still running, waits for the thread to end, and rethrows the failure of a
 * submitted call whose future nobody looked at, so no failure is lost.
 */
public final class LoopRunner implements AutoCloseable {
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final String name;
    private final ExecutorService executor;
    private final Thread thread;
    private final CoroutineDispatcher dispatcher;
    private final CompletableJob job = SupervisorKt.SupervisorJob(null);
    private final CoroutineContext context;
    private final Set<CoroutineFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoopRunner(String name) {
        this.name = name;
        this.executor = TestDispatchers.singleThread(name);
        this.thread = submitAndWait(executor, Thread::currentThread);
        this.dispatcher = ExecutorsKt.from(executor);
        this.context = dispatcher.plus(job);
    }

    /**
     * Starts a loop on a new daemon thread called {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public static LoopRunner start(String name) {
        KotlinxCheck.require();
        if (name == null || name.isBlank()) {
            throw Failures.blankArgument("LoopRunner.start", "a thread name", "LoopRunner.start(\"ui-loop\")");
        }
        return new LoopRunner(name);
    }

    /**
     * Starts {@code call} as a coroutine on the loop thread and returns its future; never blocks. Cancelling the
     * future cancels the coroutine.
     *
     * @throws IllegalStateException if the loop is closed
     * @throws IllegalArgumentException if {@code call} is null
     */
    public <T> CompletableFuture<T> submit(SuspendCall<T> call) {
        if (call == null) {
            throw Failures.nullCall("LoopRunner.submit");
        }
        if (closed) {
            throw Failures.loopRunnerClosed(name);
        }
        CoroutineFuture<T> future = new CoroutineFuture<>();
        pending.add(future);
        future.bind(Builders.async(context, call::invoke));
        future.completedSignalThen(() -> {
            if (future.failureIfFailed() == null) {
                pending.remove(future);
            }
        });
        return future;
    }

    /**
     * Runs {@code call} on the loop thread and blocks the calling thread until it completes.
     *
     * <p>Throws the call's exception object, unchanged.
     *
     * @return the call's value
     * @throws IllegalStateException if called on the loop thread itself (it would wait for itself), or if closed
     */
    public <T> T runBlocking(SuspendCall<T> call) {
        if (Thread.currentThread() == thread) {
            throw Failures.loopRunnerBlockingOnItself(name);
        }
        CompletableFuture<T> future = submit(call);
        try {
            return future.join();
        } catch (CompletionException e) {
            throw Sneaky.rethrow(Failures.unwrap(e));
        }
    }

    /** The loop's thread. */
    public Thread thread() {
        return thread;
    }

    /** The loop's dispatcher: coroutines dispatched here run on {@link #thread()}. */
    public CoroutineDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Cancels the coroutines still running, waits (up to 10 s) for them and for the thread to end, then rethrows the
     * failure of a submitted call that nobody observed. Calling it again does nothing.
     *
     * @throws IllegalStateException if called on the loop thread, or if the loop did not stop in time
     */
    @Override
    public void close() {
        if (Thread.currentThread() == thread) {
            throw Failures.loopRunnerClosingItself(name);
        }
        if (closed) {
            return;
        }
        closed = true;
        CountDownLatch done = new CountDownLatch(1);
        job.invokeOnCompletion(cause -> {
            done.countDown();
            return Unit.INSTANCE;
        });
        JobKt.cancel(job, null);
        try {
            boolean stopped = done.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            executor.shutdown();
            stopped &= executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            if (!stopped || thread.isAlive()) {
                executor.shutdownNow();
                throw Failures.loopRunnerStuck(name, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        Throwable unobserved = null;
        for (CoroutineFuture<?> future : pending) {
            Throwable failure = future.isObserved() ? null : future.failureIfFailed();
            if (failure != null) {
                if (unobserved == null) {
                    unobserved = failure;
                } else {
                    unobserved.addSuppressed(failure);
                }
            }
        }
        pending.clear();
        if (unobserved != null) {
            throw Sneaky.rethrow(unobserved);
        }
    }

    private static <T> T submitAndWait(ExecutorService executor, java.util.concurrent.Callable<T> task) {
        try {
            return executor.submit(task).get();
        } catch (Exception e) {
            throw Failures.loopRunnerNotStarted(e);
        }
    }

    @Override
    public String toString() {
        return "LoopRunner[" + name + (closed ? ", closed" : "") + "]";
    }
}
