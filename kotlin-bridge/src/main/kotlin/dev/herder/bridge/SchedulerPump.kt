package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.SchedulerInternals
import kotlinx.coroutines.Job
import kotlinx.coroutines.test.TestCoroutineScheduler
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/**
 * Drives a [TestCoroutineScheduler] from the thread that runs the test body, one task at a time.
 *
 * The Java test body runs *inside* the `runTest` body coroutine, on the `runTest` thread, so while Java code runs
 * the scheduler is frozen: nothing else can run on it. When Java waits for something ([driveUntil]), this loop runs
 * the scheduler's tasks one by one, advancing virtual time to each task's instant, and stops right after the task that
 * fired the signal, so the wait returns at the exact virtual instant the awaited thing completed. When no task is
 * due and the signal is still open, work is happening on real threads (`Dispatchers.IO`, a callback thread): the loop
 * spins for a few microseconds and then parks until that work dispatches back into the scheduler or fires the signal.
 *
 * The public kotlinx-coroutines-test API has no "run the next task" (kotlinx.coroutines #3189), so this class uses
 * two members internal to kotlinx-coroutines-test — run the next task unless a condition holds, and hear a dispatch:
 * the very primitives `runTest` itself is built from — through [SchedulerInternals]; `SchedulerInternalsContractTest`
 * pins what this loop relies on, on every supported kotlinx version.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class SchedulerPump(
    private val scheduler: TestCoroutineScheduler,
    private val deadlineNanos: Long,
    private val onTimeout: () -> Throwable,
    /**
     * With virtual dispatchers, all of the test's work is on its scheduler: when nothing is due and nothing comes
     * from another thread for [QUIET_NANOS], this is asked whether the test, its body waiting for the signal given,
     * is durably blocked ([DurableBlocking]); it returns the failure if it is, null if something may still go on.
     * Null: no verdict.
     */
    private val onDeadlock: ((Signal) -> Throwable?)? = null,
    /** A shuffled schedule's choices, or null for kotlinx's own order (FIFO). */
    private val shuffle: ScheduleChoices? = null,
) {
    /**
     * Runs scheduler tasks, advancing virtual time, until [signal] fires; returns right after the task that fired it.
     * Throws what [onTimeout] makes if the test's wall-clock deadline passes first.
     */
    public fun driveUntil(signal: Signal) {
        drive(signal, deadlineNanos)
    }

    /**
     * As [driveUntil], but gives up when the wall clock reaches [limitNanos] (a `System.nanoTime()` value) before the
     * test's own deadline: returns whether [signal] fired.
     */
    public fun driveUntil(signal: Signal, limitNanos: Long): Boolean =
        drive(signal, if (limitNanos - deadlineNanos < 0) limitNanos else deadlineNanos)

    private fun drive(signal: Signal, limitNanos: Long): Boolean {
        val stop = { signal.isDone }
        var untilClockCheck = DEADLINE_CHECK_EVERY
        while (!signal.isDone) {
            if (runNext(Long.MAX_VALUE, stop)) {
                if (--untilClockCheck == 0) {
                    untilClockCheck = DEADLINE_CHECK_EVERY
                    if (System.nanoTime() - limitNanos > 0) return giveUp(limitNanos)
                }
            } else if (!signal.isDone) {
                // the deadlock verdict is for the test's own waits; a wait with a shorter limit (a flow probe's) says
                // what it waited for itself
                val verdict = if (limitNanos == deadlineNanos) onDeadlock else null
                val quietUntil = if (verdict == null) limitNanos else System.nanoTime() + QUIET_NANOS
                val waitLimit = if (quietUntil - limitNanos < 0) quietUntil else limitNanos
                if (!awaitForeignEvent(signal, waitLimit)) {
                    if (waitLimit == limitNanos) return giveUp(limitNanos)
                    // quiet for a while: a verdict only if every coroutine is durably blocked, else wait on
                    verdict?.let { judge -> verdictUnlessDispatched(signal, judge)?.let { throw it } }
                }
            }
        }
        return true
    }

    /** [judge]'s verdict, unless a dispatch came while it was made: something moved, so look again later. */
    private fun verdictUnlessDispatched(signal: Signal, judge: (Signal) -> Throwable?): Throwable? {
        val listener = DispatchListener()
        if (SchedulerInternals.listenForDispatch(scheduler, listener)) return null
        try {
            val failure = judge(signal) ?: return null
            return if (listener.isDone || signal.isDone) null else failure
        } finally {
            listener.cancel()
        }
    }

    /** Runs the next task due by [untilTime]: kotlinx's next (FIFO), or the one the shuffled schedule picks. */
    private fun runNext(untilTime: Long, stop: () -> Boolean): Boolean {
        val choices = shuffle ?: return SchedulerInternals.tryRunNextTaskUnless(scheduler, stop)
        return SchedulerInternals.tryRunChosenTaskUnless(scheduler, untilTime, choices::pick, choices::ran, stop) != null
    }

    /** Runs every task due now, in the schedule's order (kotlinx's `runCurrent`). */
    public fun runCurrent() {
        if (shuffle == null) return scheduler.runCurrent()
        val now = scheduler.currentTime
        while (runNext(now) { false }) Unit
    }

    /** Runs the tasks due within [millis] in the schedule's order, then moves the clock to its end (`advanceTimeBy`). */
    public fun advanceTimeBy(millis: Long) {
        if (shuffle == null) return scheduler.advanceTimeBy(millis)
        val target = scheduler.currentTime.let { if (Long.MAX_VALUE - it < millis) Long.MAX_VALUE else it + millis }
        while (runNext(target - 1) { false }) Unit
        scheduler.advanceTimeBy(target - scheduler.currentTime)
    }

    /** Runs tasks in the schedule's order until only background work is left (`advanceUntilIdle`). */
    public fun advanceUntilIdle() {
        if (shuffle == null) return scheduler.advanceUntilIdle()
        while (runNext(Long.MAX_VALUE) { !SchedulerInternals.hasForegroundTask(scheduler) }) Unit
    }

    private fun giveUp(limitNanos: Long): Boolean {
        if (limitNanos == deadlineNanos) throw onTimeout()
        return false
    }

    /** Waits for a dispatch from another thread or for [signal]; false if [limitNanos] passed first. */
    private fun awaitForeignEvent(signal: Signal, limitNanos: Long): Boolean {
        val listener = DispatchListener()
        if (SchedulerInternals.listenForDispatch(scheduler, listener)) return true // a dispatch came since the last look
        try {
            return waitForEither(signal, listener, limitNanos)
        } finally {
            listener.cancel()
        }
    }

    private fun waitForEither(signal: Signal, listener: DispatchListener, limitNanos: Long): Boolean {
        val spinUntil = System.nanoTime() + SPIN_NANOS
        stopIfInterrupted()
        while (System.nanoTime() - spinUntil < 0) {
            if (signal.isDone || listener.isDone) return true
            Thread.onSpinWait()
        }
        val me = Thread.currentThread()
        signal.waitingThread(me)
        listener.waitingThread(me)
        try {
            while (!signal.isDone && !listener.isDone) {
                val left = limitNanos - System.nanoTime()
                if (left <= 0) return false
                LockSupport.parkNanos(this, left)
                stopIfInterrupted()
            }
            return true
        } finally {
            signal.waitingThread(null)
        }
    }

    /**
     * An interrupted test thread is being stopped (JUnit 4's `Timeout` rule, a runner shutting down): the wait ends
     * with an [InterruptedException] (the flag cleared, as by every method that throws it) instead of spinning on.
     */
    private fun stopIfInterrupted() {
        if (Thread.interrupted()) throw BridgeFailures.interruptedWhileWaiting()
    }

    /** Hears the scheduler's next dispatch event; cancelling it withdraws it from the scheduler's channel. */
    private class DispatchListener : Signal(), Continuation<Unit> {
        private val job = Job()
        override val context: CoroutineContext get() = job
        override fun resumeWith(result: Result<Unit>) = fire()
        fun cancel() = job.cancel(null) // no default arguments: their bridges differ between kotlinx versions
    }

    private companion object {
        /** How long a waiting test thread spins before it parks: a bounded cost, never a busy core. */
        const val SPIN_NANOS = 20_000L

        /**
         * With virtual dispatchers, after this long without a task or a word from another thread the loop asks
         * whether the test is durably blocked (and again after each such stretch while it is not): one second, as the
         * API contract says. A shorter stretch gives the verdict sooner, and less margin to a real thread that is
         * about to release a wait Herder counts as durable (a plain Java thread sending to a channel, say).
         */
        const val QUIET_NANOS = 1_000_000_000L

        /** Running tasks never blocks, so an endless virtual-time loop is caught by checking the clock now and then. */
        const val DEADLINE_CHECK_EVERY = 1024
    }
}
