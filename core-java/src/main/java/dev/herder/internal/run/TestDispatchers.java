package dev.herder.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.DispatcherKind;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.ExecutorsKt;
import dev.herder.internal.Failures;

/**
 * Turns a {@link RunSpec} into the dispatcher a test runs its calls on, and owns the threads Herder made for it
 * ({@link DispatcherKind#SINGLE_THREAD}, {@link DispatcherKind#VIRTUAL_THREADS}) until the test ends.
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class TestDispatchers implements AutoCloseable {
    private static final AtomicInteger LOOP_COUNT = new AtomicInteger();

    /** True for {@link DispatcherKind#UNCONFINED_TEST}. */
    public final boolean unconfinedTest;
    /** The real dispatcher of the test, or null when it runs on a test dispatcher (virtual time). */
    public final CoroutineDispatcher callDispatcher;
    private final ExecutorService ownedExecutor;
    /** The threads Herder started for the test, joined when it ends (the executor's termination comes a bit earlier). */
    private java.util.List<Thread> threads = java.util.List.of();

    private TestDispatchers(boolean unconfinedTest, CoroutineDispatcher callDispatcher, ExecutorService owned) {
        this.unconfinedTest = unconfinedTest;
        this.callDispatcher = callDispatcher;
        this.ownedExecutor = owned;
    }

    /**
     * Resolves the dispatcher of {@code options}, starting the threads it needs.
     *
     * @throws IllegalStateException for {@link DispatcherKind#VIRTUAL_THREADS} on a JDK without virtual threads
     */
    public static TestDispatchers resolve(RunSpec options) {
        if (options.customDispatcher() != null) {
            return new TestDispatchers(false, options.customDispatcher(), null);
        }
        DispatcherKind kind = options.kind();
        return switch (kind) {
            case STANDARD_TEST -> new TestDispatchers(false, null, null);
            case UNCONFINED_TEST -> new TestDispatchers(true, null, null);
            case DEFAULT -> new TestDispatchers(false, Dispatchers.getDefault(), null);
            case IO -> new TestDispatchers(false, Dispatchers.getIO(), null);
            case UNCONFINED -> new TestDispatchers(false, Dispatchers.getUnconfined(), null);
            case SINGLE_THREAD -> {
                java.util.List<Thread> started = new java.util.concurrent.CopyOnWriteArrayList<>();
                TestDispatchers owned = owning(singleThread("herder-loop-" + LOOP_COUNT.incrementAndGet(), started));
                owned.threads = started;
                yield owned;
            }
            case VIRTUAL_THREADS -> owning(virtualThreads());
        };
    }

    private static TestDispatchers owning(ExecutorService executor) {
        return new TestDispatchers(false, ExecutorsKt.from(executor), executor);
    }

    /** One dedicated daemon thread named {@code name}, already started. */
    public static ExecutorService singleThread(String name) {
        return singleThread(name, new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    /** As {@link #singleThread(String)}, adding the thread it starts to {@code started} (to join it at the end). */
    private static ExecutorService singleThread(String name, java.util.List<Thread> started) {
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            started.add(t);
            return t;
        };
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(
            1, 1, 0L, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), factory);
        executor.prestartCoreThread();
        return executor;
    }

    /** A new-virtual-thread-per-task executor (JDK 21+, found reflectively so Herder still runs on JDK 17). */
    static ExecutorService virtualThreads() {
        if (!DispatcherKind.VIRTUAL_THREADS.isAvailable()) {
            throw Failures.virtualThreadsUnavailable();
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, "herder-virtual-", 0L);
            ThreadFactory factory = (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
            return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                .invoke(null, factory);
        } catch (ReflectiveOperationException e) {
            throw Failures.virtualThreadsUnavailable(e);
        }
    }

    /** Shuts down the threads Herder made for the test and waits for them to end. */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
            try {
                if (!ownedExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw Failures.dispatcherStuck(callDispatcher, 10);
                }
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
