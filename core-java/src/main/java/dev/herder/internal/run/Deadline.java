package dev.herder.internal.run;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.bridge.CoroutineDumps;
import dev.herder.bridge.StuckCoroutine;
import dev.herder.bridge.TestDeadline;
import dev.herder.bridge.TestRun;
import dev.herder.bridge.kotlinx.JobInternals;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.herder.internal.Durations;
import dev.herder.internal.Failures;

/**
 * One test's wall-clock limit, and the one place that decides what happens when it passes (JUnit's
 * {@code TimeoutExtension} is the model): the clock, the dump, the interrupt and the message.
 *
 * <p>A test runs out of time in one of three ways, and each ends here:
 * <ul>
 *   <li>one of Herder's own waits on the test thread reaches the limit ({@link #expired}): the dump is taken there,
 *       with a consistent job tree, and the error thrown;</li>
 *   <li>the test thread is inside a loop Herder does not own ({@code advanceUntilIdle} over an endless coroutine,
 *       {@code runTest}'s own clean-up): the {@link Watchdog} calls {@link #enforce} shortly after the limit, which
 *       queues a task on the test's loop that takes the dump, cancels the test and throws to end that loop;</li>
 *   <li>the test thread is blocked in Java ({@code Thread.sleep}, {@code Future.get()}, a lock, a coroutine on the
 *       test dispatcher doing either): the queued task does not run, so {@link #enforce} takes the dump from the
 *       watchdog's thread, including the test thread's stack, cancels the test and interrupts the test thread, as
 *       JUnit's same-thread timeout does. The interrupt never outlives the test: {@link #close} clears it.</li>
 * </ul>
 * Whatever failure follows the verdict (the interrupt's {@code InterruptedException}, the cancellation's echo, a
 * {@code finally} block that throws) is attached to the timeout error as suppressed: nothing is lost.
 */
final class Deadline implements TestDeadline {
    /** How long the watchdog waits for its task to run on the test's loop before it acts from its own thread. */
    private static final long LOOP_ANSWER_MILLIS = 150;

    private final RunSpec options;
    private final long nanos;
    private final Thread testThread = Thread.currentThread();
    private final String testThreadName = testThread.getName();   // before kotlinx's debug mode appends " @coroutine#n"
    private final AtomicReference<String> verdict = new AtomicReference<>();
    private volatile TestRun run;
    private volatile Watchdog.Watch watch;
    private boolean over;          // guarded by this: the test has ended, the test thread is someone else's again
    private boolean interrupted;   // guarded by this: the deadline interrupted the test thread
    private final java.util.Queue<Throwable> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private Deadline(RunSpec options) {
        this.options = options;
        long timeoutNanos = Durations.deadlineNanos(options.timeout());
        this.nanos = System.nanoTime() + timeoutNanos;
    }

    /** Starts the clock of a test that runs on the calling thread. */
    static Deadline start(RunSpec options) {
        return new Deadline(options);
    }

    @Override
    public long getNanos() {
        return nanos;
    }

    /** The test's run, once it has started: the dump needs it. */
    void attach(TestRun run) {
        this.run = run;
    }

    /** Whether the limit passed and the test was stopped for it. */
    boolean hasExpired() {
        return verdict.get() != null;
    }

    @Override
    public Throwable expired(TestRun run) {
        verdict.compareAndSet(null, message(run, run.stuckCoroutines(), Thread.currentThread().getStackTrace()));
        return new CoroutineTestTimeoutError(verdict.get());
    }

    /**
     * The watchdog's part, on its thread, shortly after the limit. Best done on the test thread, between two tasks of
     * its loop: the dump sees a consistent job tree, the test is cancelled, and the task then throws, which ends
     * whatever loop ran it. If the loop does not run the task in time, the test thread is blocked outside Herder.
     */
    boolean enforce() {
        TestRun current = run;
        if (current == null) {
            // still starting (a loaded machine can take longer than a short timeout to get here): nothing to stop
            // yet, and a body without waits would not look at the deadline, so the watchdog asks again
            return false;
        }
        CountDownLatch taken = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        current.runOnTestLoop(() -> {
            if (!claimed.compareAndSet(false, true)) {
                return;   // too late: the watchdog acted from its own thread, and the test is already ending
            }
            if (verdict.compareAndSet(null, message(current, current.stuckCoroutines(), Thread.currentThread().getStackTrace()))) {
                current.cancelTest(verdict.get());
            }
            taken.countDown();
            throw new CoroutineTestTimeoutError(verdict.get());
        });
        try {
            if (taken.await(LOOP_ANSWER_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        if (!claimed.compareAndSet(false, true)) {
            return true;   // the task got to run in the meantime
        }
        if (verdict.compareAndSet(null, message(current, snapshotFromAnotherThread(current), testThread.getStackTrace()))) {
            current.cancelTest(verdict.get());
            interruptTestThread();
        }
        return true;
    }

    private synchronized void interruptTestThread() {
        if (!over) {
            interrupted = true;
            testThread.interrupt();
        }
    }

    /**
     * Remembers a failure of the test (the body's own): if the limit passes afterwards, {@code runTest}'s clean-up
     * may end without it, and the timeout error must still carry it.
     */
    void seen(Throwable failure) {
        seen.add(failure);
        Watchdog.Watch current = watch;
        if (current != null) {
            current.withoutGrace();   // the body has failed: what is left is runTest's clean-up, which checks nothing
        }
    }

    /** The watchdog's watch over this test: once the body has failed, it need not wait for Herder's own checks. */
    void watchedBy(Watchdog.Watch watch) {
        this.watch = watch;
    }

    @Override
    public void abandoned(Throwable failure) {
        seen(failure);
    }

    /**
     * The test's outcome on the test thread, once it has ended: the timeout error if the limit passed (with the
     * failure that followed it attached as suppressed), else {@code failure} itself (null for a passing test).
     */
    Throwable outcome(Throwable failure) {
        String message = verdict.get();
        if (message == null) {
            return failure;
        }
        CoroutineTestTimeoutError timeout = new CoroutineTestTimeoutError(message);
        boolean placed = false;
        java.util.List<Throwable> failures = new java.util.ArrayList<>();
        if (failure != null) {
            failures.add(failure);
        }
        failures.addAll(seen);
        for (Throwable each : failures) {
            if (each instanceof CoroutineTestTimeoutError same && message.equals(same.getMessage())) {
                // the verdict's own error, back from runTest or the body: where it was thrown, and what was attached
                // to it on the way (but not the echo of the stop itself)
                if (!placed) {
                    timeout.setStackTrace(same.getStackTrace());
                    placed = true;
                }
                for (Throwable attached : same.getSuppressed()) {
                    attach(timeout, attached);
                }
            } else {
                attach(timeout, each);
            }
        }
        return timeout;
    }

    private static void attach(CoroutineTestTimeoutError timeout, Throwable failure) {
        if (!isEchoOfTheStop(failure) && !carries(timeout, failure)) {
            timeout.addSuppressed(failure);
        }
    }

    /**
     * What {@code runTest} throws when the watchdog's task ended its clean-up loop early: asked for the completion of
     * a test scope still waiting for a coroutine that cannot be cancelled, kotlinx says the job has not completed.
     */
    private static boolean isEchoOfTheStop(Throwable failure) {
        return JobInternals.isAskedForTheOutcomeOfAnUnfinishedJob(failure);
    }

    private static boolean carries(Throwable outcome, Throwable failure) {
        if (outcome == failure) {
            return true;
        }
        for (Throwable suppressed : outcome.getSuppressed()) {
            if (carries(suppressed, failure)) {
                return true;
            }
        }
        return outcome.getCause() != null && outcome.getCause() != outcome && carries(outcome.getCause(), failure);
    }

    /** Ends the deadline on the test thread: an interrupt it sent is cleared, so it never reaches the next test. */
    synchronized void close() {
        over = true;
        if (interrupted) {
            Thread.interrupted();
        }
    }

    private String message(TestRun run, List<StuckCoroutine> stuck, StackTraceElement[] testThreadStack) {
        return Verdicts.timeout(options.name(), options.timeout(), run.getScheduler().getCurrentTime(), stuck,
            CoroutineDumps.probesInstalled(), testThreadName, testThreadStack);
    }

    /**
     * The stuck coroutines as seen from the watchdog thread while the test thread may still be churning through
     * coroutines: the job tree can change under the walk, so a few looks are taken and the fullest one kept.
     */
    private static List<StuckCoroutine> snapshotFromAnotherThread(TestRun run) {
        List<StuckCoroutine> best = List.of();
        for (int look = 0; look < 20 && best.isEmpty(); look++) {
            List<StuckCoroutine> seen = run.stuckCoroutines();
            if (seen.size() > best.size()) {
                best = seen;
            }
            Thread.onSpinWait();
        }
        return best;
    }
}
