package dev.herder.internal;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.TestBody;
import dev.herder.TestOptions;
import dev.herder.Schedule;
import dev.herder.bridge.CoroutineDumps;
import dev.herder.bridge.KotlinxInternals;
import dev.herder.bridge.ScheduleChoices;
import dev.herder.bridge.StuckCoroutine;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import dev.herder.bridge.TestRun;

/** Runs one coroutine test: resolves the dispatcher, runs the body inside {@code runTest}, cleans up. */
public final class TestRunner {
    private static final ThreadLocal<DefaultCoroutineTestScope> CURRENT = new ThreadLocal<>();

    private TestRunner() {}

    /** Whether the calling thread is running a test body right now. */
    public static boolean insideTest() {
        return CURRENT.get() != null;
    }

    public static void run(TestOptions options, TestBody body) {
        KotlinxCheck.require();
        if (options == null) {
            throw Failures.nullArgument("Coroutines.runBlockingTest", "options", "TestOptions.defaults()");
        }
        if (body == null) {
            throw Failures.nullArgument("Coroutines.runBlockingTest", "a test body", "scope -> { ... }");
        }
        if (insideTest()) {
            throw Failures.nestedTest();
        }
        CoroutineDumps.installProbesIfEnabled();
        long timeoutNanos = Durations.deadlineNanos(options.timeout());
        long timeoutMillis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        long deadlineNanos = System.nanoTime() + timeoutNanos;
        AtomicReference<String> watchdogMessage = new AtomicReference<>();   // written by the watchdog thread
        AtomicReference<ScheduleChoices> shuffles = new AtomicReference<>();
        try (TestDispatchers dispatchers = TestDispatchers.resolve(options)) {
            List<List<StackTraceElement>> leaks;
            AtomicReference<TestRun> runs = new AtomicReference<>();
            try (Watchdog.Watch watch = Watchdog.watch(deadlineNanos, () -> {
                TestRun run = runs.get();
                if (run != null) {
                    stop(run, options, watchdogMessage);
                }
            })) {
                boolean virtual = options.virtualDispatchers();
                if (virtual) {
                    VirtualDispatchers.install();
                    VirtualDispatchers.testStarted();
                }
                Schedule schedule = options.schedule();
                if (schedule.isShuffled()) {
                    KotlinxInternals.checkShuffling();
                }
                ScheduleChoices shuffle = schedule.isShuffled() ? new ScheduleChoices(schedule.seed()) : null;
                shuffles.set(shuffle);
                try {
                    leaks = TestRun.run(options.name(), dispatchers.unconfinedTest, dispatchers.callDispatcher,
                        timeoutMillis, virtual, shuffle,
                        run -> new CoroutineTestTimeoutError(timeoutMessage(options, run)),
                        run -> new CoroutineTestTimeoutError(Failures.deadlock(options.name(),
                            run.getScheduler().getCurrentTime(), run.stuckCoroutines(), CoroutineDumps.probesInstalled())),
                        run -> runBody(run, body, options, runs));
                } finally {
                    if (virtual) {
                        VirtualDispatchers.testEnded();
                    }
                }
            } catch (Throwable t) {
                ScheduleChoices shuffle = shuffles.get();
                if (shuffle != null) {
                    t.addSuppressed(new ScheduleReplay(Failures.scheduleReplay(options.schedule(), shuffle)));
                }
                if (watchdogMessage.get() != null) {
                    // the watchdog's dump was taken before it cancelled the test; what followed is its echo
                    CoroutineTestTimeoutError timeout = new CoroutineTestTimeoutError(watchdogMessage.get());
                    timeout.addSuppressed(t);
                    throw timeout;
                }
                throw t;
            }
            if (watchdogMessage.get() != null) {
                throw new CoroutineTestTimeoutError(watchdogMessage.get());
            }
            if (!leaks.isEmpty()) {
                throw Failures.leakedMainCoroutines(options.name(), leaks);
            }
        }
    }

    private static void runBody(TestRun run, TestBody body, TestOptions options, AtomicReference<TestRun> runs) {
        DefaultCoroutineTestScope scope = new DefaultCoroutineTestScope(run, options.neverAwaitedCheck());
        scope.schedule(options.schedule());
        CURRENT.set(scope);
        runs.set(run);
        try {
            body.run(scope);
            scope.finishBody();
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        } finally {
            scope.end();
            CURRENT.remove();
        }
    }

    /**
     * The watchdog's stop. Best done on the test thread, between two tasks of its loop: the dump sees a consistent job
     * tree, the test is cancelled, and the task then throws, which ends whatever loop ran it — kotlinx's
     * {@code advanceUntilIdle} in the body, or {@code runTest}'s own clean-up turning over a scope the test never
     * closed. If the loop does not run the task within 200 ms (the body is blocked outside Herder), the dump is taken
     * from the watchdog's thread and the test is cancelled from there.
     */
    private static void stop(TestRun run, TestOptions options, AtomicReference<String> message) {
        java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
        run.runOnTestLoop(() -> {
            if (message.compareAndSet(null, timeoutMessage(options, run))) {
                run.cancelTest(message.get());
            }
            taken.countDown();
            throw new CoroutineTestTimeoutError(message.get());
        });
        try {
            if (taken.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (message.compareAndSet(null, timeoutMessage(options, run, snapshotFromAnotherThread(run)))) {
            run.cancelTest(message.get());
        }
    }

    private static String timeoutMessage(TestOptions options, TestRun run) {
        return timeoutMessage(options, run, run.stuckCoroutines());
    }

    private static String timeoutMessage(TestOptions options, TestRun run, List<StuckCoroutine> stuck) {
        return Failures.timeout(options.name(), options.timeout(), run.getScheduler().getCurrentTime(), stuck,
            CoroutineDumps.probesInstalled());
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
