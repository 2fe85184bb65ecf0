package dev.herder.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.CoroutineTestScope;
import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Schedule;
import dev.herder.bridge.CoroutineDumps;
import dev.herder.bridge.DelayJitter;
import dev.herder.bridge.ScheduleChoices;
import dev.herder.bridge.TestThreads;
import dev.herder.bridge.kotlinx.JobInternals;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import dev.herder.bridge.TestRun;
import dev.herder.internal.Failures;
import dev.herder.internal.KotlinxCheck;
import dev.herder.internal.Sneaky;
import dev.herder.internal.scope.DefaultCoroutineTestScope;

/** Runs one coroutine test: resolves the dispatcher, runs the body inside {@code runTest}, cleans up. */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class TestDriver {
    private static final ThreadLocal<DefaultCoroutineTestScope> CURRENT = new ThreadLocal<>();

    private TestDriver() {}

    /** Whether the calling thread is running a test body right now. */
    public static boolean insideTest() {
        return CURRENT.get() != null;
    }

    /** Whether the calling thread runs a test body, or a coroutine of a running test (on any dispatcher). */
    static boolean insideTestOrItsCoroutine() {
        return insideTest() || TestThreads.current() != null;
    }

    /** A test body as the runner sees it: {@code Coroutines.runBlockingTest} adapts the public {@code TestBody}. */
    @FunctionalInterface
    public interface Body {
        void run(CoroutineTestScope scope) throws Throwable;
    }

    /**
     * Runs {@code body} as one coroutine test described by {@code options}; throws its first failure, unchanged. A
     * failure under an explored schedule carries a {@link ScheduleReplay}: the run is replayed from its recorded
     * choices to show its trace, and shrunk within the options' budget (both run {@code body} again).
     */
    public static void run(RunSpec options, Body body) {
        Attempt first = attempt(options, body);
        Throwable failure = first.failure();
        if (failure == null) {
            return;
        }
        if (first.choices() != null) {
            ScheduleShrinker.Replayed replayed = ScheduleShrinker.replay(options, body, first);
            failure.addSuppressed(new ScheduleReplay(ScheduleReports.scheduleReplay(options.schedule(), replayed.trace())
                + replayed.shrinking()));
        }
        throw Sneaky.rethrow(failure);
    }

    /**
     * One run's outcome: its failure (null if it passed), the choices of its explored schedule (null under FIFO), and
     * whether it ran out of time.
     */
    record Attempt(Throwable failure, ScheduleChoices choices, boolean timedOut) {}

    /** Runs {@code body} once as a coroutine test; returns what happened instead of throwing it. */
    static Attempt attempt(RunSpec options, Body body) {
        KotlinxCheck.require();
        if (insideTest()) {
            throw Failures.nestedTest();
        }
        if (insideTestOrItsCoroutine()) {
            throw Failures.testInsideACoroutineOfATest(Thread.currentThread().getName());
        }
        CoroutineDumps.installProbesIfEnabled();
        boolean virtual = options.virtualDispatchers();
        if (virtual) {
            VirtualDispatchers.install();   // the agent's attach (seconds, once per JVM) is not the test's time
        }
        Deadline deadline = Deadline.start(options);
        AtomicReference<ScheduleChoices> shuffles = new AtomicReference<>();
        AtomicReference<TestRun> runs = new AtomicReference<>();
        List<List<StackTraceElement>> leaks = List.of();
        Throwable failure = null;
        try (TestDispatchers dispatchers = TestDispatchers.resolve(options);
             Watchdog.Watch watch = Watchdog.watch(deadline.getNanos(), deadline::enforce)) {
            deadline.watchedBy(watch);
            if (virtual) {
                VirtualDispatchers.testStarted();
            }
            try {
                Schedule schedule = options.schedule();
                if (schedule.isShuffled()) {
                    KotlinxCheck.requireShuffling();
                }
                ScheduleChoices shuffle = choicesOf(schedule);
                shuffles.set(shuffle);
                leaks = TestRun.run(options.name(), dispatchers.unconfinedTest, dispatchers.callDispatcher,
                    deadline, virtual, shuffle,
                    schedule.delayJitter() == 0 ? null : new DelayJitter(schedule.seed(), schedule.delayJitter()),
                    (run, waiters) -> new CoroutineTestTimeoutError(Verdicts.deadlock(options.name(),
                        run.getScheduler().getCurrentTime(), waiters, CoroutineDumps.probesInstalled())),
                    run -> {
                        deadline.attach(run);
                        runs.set(run);
                        runBody(run, body, options, deadline);
                    });
            } finally {
                if (virtual) {
                    VirtualDispatchers.testEnded();
                }
            }
        } catch (Throwable t) {
            failure = JobInternals.originalOf(t);
        } finally {
            deadline.close();
            TestRun run = runs.get();
            if (run != null && deadline.hasExpired()) {
                run.leaveExceptionCollector();   // the watchdog may have ended runTest before it could leave
            }
        }
        failure = deadline.outcome(failure);
        if (failure == null && !leaks.isEmpty()) {
            failure = Verdicts.leakedMainCoroutines(options.name(), leaks);
        }
        return new Attempt(failure, shuffles.get(), deadline.hasExpired());
    }

    /** The choices that draw {@code schedule}'s order, or null for kotlinx's own (FIFO). */
    private static ScheduleChoices choicesOf(Schedule schedule) {
        return switch (schedule.strategy()) {
            case FIFO -> null;
            case SHUFFLED -> ScheduleChoices.uniform(schedule.seed());
            case PCT -> ScheduleChoices.pct(schedule.seed(), schedule.depth(), Schedule.PCT_STEPS);
            case POS -> ScheduleChoices.pos(schedule.seed());
            case REPLAY -> ScheduleChoices.replay(schedule.deviations(), true);
        };
    }

    /** Shares the calling thread's running test with the threads it starts while {@code block} runs. */
    public static void shareWithChildThreads(Body block) throws Throwable {
        DefaultCoroutineTestScope scope = CURRENT.get();
        if (scope == null) {
            throw Failures.shareOutsideTest(Thread.currentThread().getName());
        }
        scope.shareWithChildThreads(block);
    }

    private static void runBody(TestRun run, Body body, RunSpec options, Deadline deadline) {
        DefaultCoroutineTestScope scope = new DefaultCoroutineTestScope(run, options.schedule(), options.neverAwaitedCheck(),
            deadline.getNanos());
        CURRENT.set(scope);
        try {
            try {
                body.run(scope);
            } catch (Throwable t) {
                scope.attachOrphansTo(t);
                Throwable failure = scope.withUnconsumedProbeErrors(t);
                deadline.seen(failure);
                throw Sneaky.rethrow(failure);
            }
            scope.finishBody();
        } finally {
            scope.end();
            CURRENT.remove();
        }
    }
}
