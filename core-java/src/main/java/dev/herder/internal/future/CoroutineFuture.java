package dev.herder.internal.future;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.bridge.Signal;
import dev.herder.bridge.kotlinx.JobInternals;
import java.util.concurrent.CancellationException;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.Job;

/**
 * The future of one coroutine: completes when its {@link Job} completes (with the {@link Deferred}'s value, if it is
 * one), and cancelling the future cancels the coroutine. It is its own completion handler ({@link #bind}), so a future
 * costs one object on top of the coroutine; a test's {@code launch} goes further and has its coroutine tell the future
 * itself ({@link #bindReporting}), with no handler on the job.
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public class CoroutineFuture<T> extends ObservableFuture<T>
    implements Function1<Throwable, Unit>, JobInternals.EndListener {
    private volatile Signal completed;       // made only when someone waits: a launch nobody waits for needs none
    private volatile boolean jobDone;
    private Job job;
    private volatile Runnable afterCompletion;

    /** Binds this future to {@code job}; call once, right after the coroutine was started. */
    public final CoroutineFuture<T> bind(Job job) {
        this.job = job;
        job.invokeOnCompletion(this);
        return this;
    }

    /**
     * Binds this future to {@code job}, a coroutine that tells this future itself how it ended ({@link #ended}, as
     * {@link JobInternals#launchReporting} does): no completion handler on its job. Call once, right after it was
     * started; it may have ended already.
     */
    public final CoroutineFuture<T> bindReporting(Job job) {
        this.job = job;
        return this;
    }

    /** Called by a coroutine bound with {@link #bindReporting} as it ends. */
    @Override
    public final void ended(Throwable cause) {
        invoke(cause);
    }

    /** Fires when this future's coroutine has completed. */
    public final Signal completedSignal() {
        Signal signal = completed;
        if (signal == null) {
            synchronized (this) {
                signal = completed;
                if (signal == null) {
                    signal = new Signal();
                    completed = signal;
                }
            }
            if (jobDone) {          // volatile write of completed, then read of jobDone: one side sees the other
                signal.fire();
            }
        }
        return signal;
    }

    /** Runs {@code action} once this future's coroutine has completed (at once if it has); it may run twice. */
    public final void completedSignalThen(Runnable action) {
        afterCompletion = action;
        if (jobDone) {
            action.run();
        }
    }

    /** Called by the job on completion. */
    @Override
    @SuppressWarnings("unchecked")
    public final Unit invoke(Throwable cause) {
        try {
            if (cause == null) {
                complete(job instanceof Deferred<?> deferred ? (T) deferred.getCompleted() : null);
            } else if (cause instanceof CancellationException && JobInternals.isJobCancellation(cause)) {
                super.cancel(false);   // the coroutine was cancelled (by this future, or its test ending)
            } else {
                // the code's own failure, CancellationException subclasses (withTimeout's, the user's) included: the
                // very object, as Deferred.await() would throw it
                Throwable failure = JobInternals.originalOf(cause);
                if (!completeExceptionally(failure)) {
                    orphaned(failure);   // the future was cancelled first: a finally block threw while cancelling
                }
            }
        } finally {
            jobDone = true;
            Signal signal = completed;
            if (signal != null) {
                signal.fire();
            }
            Runnable after = afterCompletion;
            if (after != null) {
                after.run();
            }
        }
        return Unit.INSTANCE;
    }

    /**
     * The coroutine failed after its future was cancelled (its {@code finally} block threw while it was being
     * cancelled): nobody can read the failure from the future, so it goes where kotlinx sends an uncaught coroutine
     * exception (the context's handler, else the thread's). A test's futures fail their test with it instead.
     */
    protected void orphaned(Throwable failure) {
        JobInternals.handleUncaught(job, failure);
    }

    /**
     * Cancels the coroutine; the future completes as cancelled once the coroutine has finished cancelling. Whoever
     * cancels a future has looked at it, done or not: a failure it already had is not reported as lost.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        markObserved();
        if (isDone()) {
            return false;
        }
        job.cancel(null);
        return super.cancel(mayInterruptIfRunning);
    }
}
