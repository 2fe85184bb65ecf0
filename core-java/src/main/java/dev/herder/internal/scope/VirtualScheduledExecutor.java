package dev.herder.internal.scope;

import dev.herder.bridge.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.JobKt;
import dev.herder.internal.Failures;

/**
 * A {@link ScheduledExecutorService} on the test's loop and virtual clock: every task is a coroutine of the test on
 * its dispatcher, delays are virtual, and the test waits for pending tasks at its end like for any coroutine. Like
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor}, {@code shutdown()} lets delayed one-shot tasks run and
 * cancels periodic ones; {@code shutdownNow()} cancels everything not yet finished.
 */
final class VirtualScheduledExecutor extends AbstractExecutorService implements ScheduledExecutorService {
    private final DefaultCoroutineTestScope scope;
    private final Set<ScheduledTask<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile Signal terminationWaiter;
    private volatile boolean shutdown;

    VirtualScheduledExecutor(DefaultCoroutineTestScope scope) {
        this.scope = scope;
    }

    private void requireRunning(Object task) {
        if (task == null) {
            throw Failures.nullTask();
        }
        scope.ensureNotEnded("scheduledExecutor()'s schedule/execute");
        if (shutdown) {
            throw Failures.scheduledExecutorShutDown();
        }
    }

    private static long millis(long delay, TimeUnit unit) {
        return Math.max(0, unit.toMillis(delay));
    }

    @Override
    public void execute(Runnable command) {
        requireRunning(command);
        scope.run().execute("scheduledExecutor task", command);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        requireRunning(command);
        return schedule(new FutureTask<>(command, null), delay, unit, false);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        requireRunning(callable);
        return schedule(new FutureTask<>(callable), delay, unit, false);
    }

    private <V> ScheduledFuture<V> schedule(FutureTask<V> body, long delay, TimeUnit unit, boolean periodic) {
        long dueAt = scope.currentTime() + millis(delay, unit);
        ScheduledTask<V> task = new ScheduledTask<>(scope, dueAt, periodic, body);
        track(task);
        task.bind(scope.run().schedule("scheduledExecutor task", millis(delay, unit), task::runOnce));
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return periodic(command, initialDelay, period, unit, true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return periodic(command, initialDelay, delay, unit, false);
    }

    private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit, boolean fixedRate) {
        requireRunning(command);
        if (period <= 0) {
            throw Failures.periodNotPositive(period, unit);
        }
        long dueAt = scope.currentTime() + millis(initialDelay, unit);
        ScheduledTask<Object> task = new ScheduledTask<>(scope, dueAt, true, null);
        track(task);
        task.bind(scope.run().schedulePeriodic(fixedRate ? "scheduledExecutor fixed-rate task" : "scheduledExecutor fixed-delay task",
            millis(initialDelay, unit), unit.toMillis(period), fixedRate, command));
        return task;
    }

    /** Tracks {@code task} until it ends; the scope fails the test with its failure if nobody reads it. */
    private void track(ScheduledTask<?> task) {
        scope.track(task);
        pending.add(task);
        task.completedSignalThen(() -> {
            pending.remove(task);
            checkTerminated();
        });
    }

    private void checkTerminated() {
        Signal waiter = terminationWaiter;
        if (waiter != null && isTerminated()) {
            waiter.fire();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        for (ScheduledTask<?> task : pending) {
            if (task.isPeriodic()) {
                task.cancel(false);
            }
        }
        checkTerminated();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> neverStarted = new ArrayList<>();
        for (ScheduledTask<?> task : pending) {
            if (task.cancel(false) && !task.isPeriodic()) {
                neverStarted.add(task.body());
            }
        }
        checkTerminated();
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** Shut down, and every task has finished or was cancelled. */
    @Override
    public boolean isTerminated() {
        return shutdown && pending.stream().allMatch(java.util.concurrent.Future::isDone);
    }

    /**
     * On the test thread, drives the loop until the executor has terminated or {@code timeout} of <em>virtual</em>
     * time has passed; elsewhere, waits on the wall clock.
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (isTerminated()) {
            return true;
        }
        if (scope.isDrivableHere()) {
            Signal done = new Signal();
            terminationWaiter = done;
            var timer = scope.run().schedule("awaitTermination timer", millis(timeout, unit), done::fire);
            checkTerminated();
            try {
                scope.driveUntil(done);
            } finally {
                terminationWaiter = null;
                JobKt.cancel(timer, null);
            }
            return isTerminated();
        }
        long until = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated() && System.nanoTime() - until < 0) {
            Thread.sleep(1);
        }
        return isTerminated();
    }

    @Override
    public String toString() {
        return "VirtualScheduledExecutor[" + pending.size() + " pending" + (shutdown ? ", shut down" : "") + "]";
    }

    /** The future of one scheduled task: its delay reads the virtual clock. */
    static final class ScheduledTask<V> extends TestFuture<V> implements ScheduledFuture<V> {
        private final long dueAt;
        private final boolean periodic;
        private final FutureTask<V> body;

        ScheduledTask(DefaultCoroutineTestScope scope, long dueAt, boolean periodic, FutureTask<V> body) {
            super(scope, null);
            this.dueAt = dueAt;
            this.periodic = periodic;
            this.body = body;
        }

        boolean isPeriodic() {
            return periodic;
        }

        Runnable body() {
            return body;
        }

        /** Runs the one-shot body and passes its outcome on; the FutureTask keeps the task's exception. */
        void runOnce() {
            body.run();
            try {
                complete(body.get());
            } catch (java.util.concurrent.ExecutionException e) {
                completeExceptionally(e.getCause());
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                super.cancel(false);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAt - owner().currentTime(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }
    }
}
