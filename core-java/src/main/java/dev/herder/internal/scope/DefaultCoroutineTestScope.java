package dev.herder.internal.scope;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.CoroutineTestScope;
import dev.herder.SuspendCall;
import dev.herder.Schedule;
import dev.herder.bridge.HandOver;
import dev.herder.bridge.Signal;
import dev.herder.bridge.SuspendBlock;
import dev.herder.bridge.TestRun;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.flow.Flow;
import dev.herder.bridge.FlowCollection;
import dev.herder.flow.FlowEvent;
import dev.herder.flow.FlowProbe;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import dev.herder.internal.Durations;
import dev.herder.internal.Failures;
import dev.herder.internal.Sneaky;
import dev.herder.internal.future.CoroutineFuture;
import dev.herder.internal.run.TestDriver;

/** The {@link CoroutineTestScope} of one running test: a thin, thread-checked Java face of a {@link TestRun}. */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class DefaultCoroutineTestScope implements CoroutineTestScope {
    /** How long a probe waits on the wall clock for an event by default (Turbine's default too). */
    private static final Duration DEFAULT_PROBE_WAIT = Duration.ofSeconds(3);
    /** How long, past the test's deadline, the test thread waits for a thread it lent the scope to to leave a call. */
    private static final long TAKE_BACK_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The permit of a call while the scope is not shared: the test thread alone drives. */
    private static final Drive ALONE = () -> { };

    private final TestRun run;
    private final Thread owner = Thread.currentThread();
    private final java.util.Queue<TestFuture<?>> futures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Failures of cancelled futures' coroutines (a finally block that threw): they fail the test. */
    private final java.util.Queue<Throwable> orphans = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<FlowProbeImpl<?>> probes = new ArrayList<>();
    private VirtualScheduledExecutor executor;
    private final boolean neverAwaitedCheck;
    private volatile boolean ended;
    private Clock clock;
    private final long deadlineNanos;
    /** While the scope is shared ({@link #shareWithChildThreads}), each call that drives the loop holds this. */
    private final ReentrantLock driving = new ReentrantLock();
    /** The open hand-over of the test thread's role, or null: the test thread alone drives. */
    private volatile HandOver handOver;
    /** The thread whose outermost call holds {@link #driving}, or null. */
    private volatile Thread driver;

    private final dev.herder.Schedule schedule;

    /** The schedule this test runs under. */
    @Override
    public dev.herder.Schedule schedule() {
        return schedule;
    }

    public DefaultCoroutineTestScope(TestRun run, dev.herder.Schedule schedule, boolean neverAwaitedCheck,
                                     long deadlineNanos) {
        this.run = run;
        this.schedule = schedule;
        this.neverAwaitedCheck = neverAwaitedCheck;
        this.deadlineNanos = deadlineNanos;
    }

    /** A call's hold on the loop: released when the call ends. */
    interface Drive extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T await(SuspendCall<T> call) {
        try (Drive ignored = drive("await")) {
            if (call == null) {
                throw Failures.nullCall("CoroutineTestScope.await");
            }
            return (T) run.await(blockOf(call));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T await(CompletionStage<T> stage) {
        try (Drive ignored = drive("await")) {
            return awaitDriving(stage);
        }
    }

    private <T> T awaitDriving(CompletionStage<T> stage) {
        if (stage == null) {
            throw Failures.nullArgument("CoroutineTestScope.await", "a CompletionStage", "scope.future(c -> repo.find(\"id\", c))");
        }
        CompletableFuture<T> future = stage.toCompletableFuture();
        Signal signal;
        if (future instanceof CoroutineFuture<T> coroutineFuture) {
            coroutineFuture.markObserved();
            signal = coroutineFuture.completedSignal();
        } else {
            Signal done = new Signal(true);   // completed by whatever completes the stage: never a deadlock
            future.whenComplete((value, failure) -> done.fire());
            signal = done;
        }
        if (!future.isDone()) {
            run.getLoop().driveUntil(signal);
        }
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw Sneaky.rethrow(Failures.unwrap(e));
        } catch (java.util.concurrent.CancellationException e) {
            // the stored exception itself: JDK 23+ join() throws a new CancellationException("join") around it
            Throwable stored = future.handle((value, failure) -> failure).getNow(null);
            throw Sneaky.rethrow(stored instanceof java.util.concurrent.CancellationException ? stored : e);
        }
    }

    @Override
    public <T> CompletableFuture<T> future(SuspendCall<T> call) {
        try (Drive ignored = drive("future")) {
            if (call == null) {
                throw Failures.nullCall("CoroutineTestScope.future");
            }
            String startedAt = neverAwaitedCheck || traced() ? CallSites.caller() : null;
            TestFuture<T> future = new TestFuture<>(this, neverAwaitedCheck ? startedAt : null);
            futures.add(future);
            future.bind(run.async(blockOf(call), traceName("scope.future", startedAt)));
            return future;
        }
    }

    @Override
    public CompletableFuture<Void> launch(SuspendCall<?> call) {
        try (Drive ignored = drive("launch")) {
            if (call == null) {
                throw Failures.nullCall("CoroutineTestScope.launch");
            }
            TestFuture<Void> future = new TestFuture<>(this, null);
            future.bindReporting(run.launch(blockOf(call),
                traceName("scope.launch", traced() ? CallSites.caller() : null), future));
            return future;
        }
    }

    /**
     * Whether this run is traced: a replay (of a failing explored run, or one a user asked for), whose trace names each
     * coroutine by where Java started it. The explored runs themselves are not (they pay for no stack walk): a failing
     * one is replayed to show its trace.
     */
    private boolean traced() {
        return schedule.strategy() == Schedule.Strategy.REPLAY;
    }

    /** The name of a coroutine started at {@code site} in a traced run; null otherwise. */
    private String traceName(String how, String site) {
        return site == null || !traced() ? null : how + " at " + site;
    }

    @Override
    public void advanceTimeBy(Duration duration) {
        try (Drive ignored = drive("advanceTimeBy")) {
            Durations.requireNotNegative(duration, "advanceTimeBy's duration");
            run.getLoop().advanceTimeBy(Durations.saturatedMillis(duration));
        }
    }

    @Override
    public void advanceUntilIdle() {
        try (Drive ignored = drive("advanceUntilIdle")) {
            run.getLoop().advanceUntilIdle();
        }
    }

    @Override
    public void runCurrent() {
        try (Drive ignored = drive("runCurrent")) {
            run.getLoop().runCurrent();
        }
    }

    /** {@code Coroutines.shareWithChildThreads} on the test thread: see there. */
    public void shareWithChildThreads(TestDriver.Body block) throws Throwable {
        ensureDrivable("shareWithChildThreads");
        if (handOver != null) {
            throw Failures.nestedShare();
        }
        HandOver lent = run.handOver();
        handOver = lent;
        lent.start();
        Throwable failure = null;
        try {
            block.run(this);
        } catch (Throwable t) {
            failure = t;
        }
        Throwable stillInUse = takeBack(lent);
        if (stillInUse != null) {
            if (failure == null) {
                failure = stillInUse;
            } else {
                failure.addSuppressed(stillInUse);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Ends a hand-over on the test thread: no other thread is admitted any more; one still inside a call is
     * interrupted and waited for, until the test's deadline (and a grace). Returns why the scope could not be taken
     * back, or null.
     */
    private Throwable takeBack(HandOver lent) {
        lent.close();
        Thread holder = driver;
        if (holder != null && holder != owner) {
            holder.interrupt();   // a Herder wait answers with InterruptedException, and the call ends
        }
        long from = System.nanoTime();
        try {
            if (!driving.tryLock(Math.max(deadlineNanos - from, 0) + TAKE_BACK_GRACE_NANOS, TimeUnit.NANOSECONDS)) {
                Thread stuck = driver;
                handOver = null;
                return Failures.scopeStillInUse(stuck != null ? stuck : holder,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from));
            }
        } catch (InterruptedException e) {
            handOver = null;   // the deadline stopped the test thread: its verdict is the outcome
            return e;
        }
        handOver = null;
        driving.unlock();
        return null;
    }

    /**
     * Checks that the calling thread may drive the loop now and, while the scope is shared, waits for the loop to be
     * free: one thread drives at a time.
     */
    private Drive drive(String method) {
        ensureDrivable(method);
        Drive held = acquire();
        if (held == null) {
            throw refusal(method);   // the test thread took the scope back meanwhile
        }
        return held;
    }

    /**
     * The right to drive the loop: free for the test thread while nothing is lent; every other case takes the lock, so
     * a thread that saw a hand-over just before the test thread took it back is refused, never let in unlocked.
     */
    private Drive acquire() {
        return Thread.currentThread() == owner && handOver == null ? ALONE : hold();
    }

    /** Holds the loop for the calling thread, or returns null if it may not drive any more. */
    private Drive hold() {
        try {
            driving.lockInterruptibly();
        } catch (InterruptedException e) {
            throw Sneaky.rethrow(e);
        }
        if (!isDrivableHere()) {
            driving.unlock();
            return null;
        }
        boolean outermost = driving.getHoldCount() == 1;
        if (outermost) {
            driver = Thread.currentThread();
        }
        return () -> {
            if (outermost) {
                driver = null;
            }
            driving.unlock();
        };
    }

    @Override
    public long currentTime() {
        return run.getScheduler().getCurrentTime();
    }

    @Override
    public Clock clock() {
        if (clock == null) {
            clock = VirtualClock.utc(run.getScheduler());
        }
        return clock;
    }

    @Override
    public CoroutineDispatcher dispatcher() {
        return run.getDispatcher();
    }

    /**
     * The test's scope as users get it: once the test has ended, starting anything in it is refused with the same
     * error as the scope's own methods (kotlinx would cancel it silently, the test being over).
     */
    private final CoroutineScope guardedScope = new CoroutineScope() {
        @Override
        public kotlin.coroutines.CoroutineContext getCoroutineContext() {
            if (ended) {
                throw Failures.scopeUsedAfterTest("coroutineScope()");
            }
            return run.getCoroutineScope().getCoroutineContext();
        }

        @Override
        public String toString() {
            return "CoroutineScope of " + DefaultCoroutineTestScope.this;
        }
    };

    @Override
    public CoroutineScope coroutineScope() {
        return guardedScope;
    }

    @Override
    public CoroutineScope backgroundScope() {
        return run.getBackgroundScope();
    }

    @Override
    public <T> FlowProbe<T> probe(Flow<? extends T> flow) {
        return startProbe(flow, null, DEFAULT_PROBE_WAIT);
    }

    @Override
    public <T> FlowProbe<T> probe(Flow<? extends T> flow, String name) {
        return probe(flow, name, DEFAULT_PROBE_WAIT);
    }

    @Override
    public <T> FlowProbe<T> probe(Flow<? extends T> flow, String name, Duration waitLimit) {
        if (name == null || name.isBlank()) {
            throw Failures.nullArgument("CoroutineTestScope.probe", "a name", "scope.probe(flow, \"results\")");
        }
        return startProbe(flow, name, waitLimit);
    }

    private <T> FlowProbe<T> startProbe(Flow<? extends T> flow, String name, Duration waitLimit) {
        try (Drive ignored = drive("probe")) {
            return startProbeDriving(flow, name, waitLimit);
        }
    }

    private <T> FlowProbe<T> startProbeDriving(Flow<? extends T> flow, String name, Duration waitLimit) {
        if (flow == null) {
            throw Failures.nullArgument("CoroutineTestScope.probe", "a Flow", "scope.probe(viewModel.getState())");
        }
        Durations.requirePositive(waitLimit, "the probe's wait limit");
        String label = name != null ? name : "probe #" + (probes.size() + 1);
        FlowProbeImpl<T> probe = new FlowProbeImpl<>(this, name, label, waitLimit);
        probes.add(probe);
        probe.start(FlowCollection.collect(run.getCoroutineScope(), run.getProbeScheduler(), label, flow, probe));
        return probe;
    }

    @Override
    public ScheduledExecutorService scheduledExecutor() {
        if (executor == null) {
            executor = new VirtualScheduledExecutor(this);
        }
        return executor;
    }

    TestRun run() {
        return run;
    }

    /** Tracks a future made elsewhere (a scheduled task) like this scope's own: its unread failure fails the test. */
    void track(TestFuture<?> future) {
        futures.add(future);
    }

    boolean driveUntil(Signal signal, long limitNanos) {
        Drive held = acquire();
        if (held == null) {
            return signal.isDone();
        }
        try (held) {
            return run.getLoop().driveUntil(signal, limitNanos);
        }
    }

    /** Whether the calling thread may drive this test's loop right now. */
    boolean isDrivableHere() {
        if (ended) {
            return false;
        }
        if (Thread.currentThread() == owner) {
            return true;
        }
        HandOver lent = handOver;
        return lent != null && lent.admitsCurrentThread();
    }

    void driveUntil(Signal signal) {
        Drive held = acquire();
        if (held == null) {
            return;
        }
        try (held) {
            run.getLoop().driveUntil(signal);
        }
    }

    /**
     * Called when the Java body returned normally: waits for the test's coroutines (runTest's end-of-test wait),
     * then fails the test with the failure of any future the test never looked at.
     */
    public void finishBody() {
        finishProbes();
        run.finishBody();
        java.util.concurrent.CancellationException cancelled = run.scopeCancellation();
        if (cancelled != null) {
            throw Failures.scopeCancelled(cancelled);
        }
        Throwable unobserved = orphans.poll();
        for (Throwable more = orphans.poll(); more != null; more = orphans.poll()) {
            unobserved.addSuppressed(more);
        }
        List<String> neverAwaited = new ArrayList<>();
        for (TestFuture<?> future : futures) {
            if (future.isObserved()) {
                continue;
            }
            if (neverAwaitedCheck && future.startedAt() != null) {
                neverAwaited.add(future.startedAt());
            }
            Throwable failure = future.failureIfFailed();
            if (failure == null) {
                continue;
            }
            if (unobserved == null) {
                unobserved = failure;
            } else if (unobserved != failure) {
                unobserved.addSuppressed(failure);
            }
        }
        if (!neverAwaited.isEmpty()) {
            throw Failures.neverAwaited(neverAwaited, unobserved);
        }
        if (unobserved != null) {
            throw Sneaky.rethrow(unobserved);
        }
    }

    /**
     * The failure of a body that failed, or — if a probe holds a flow error the test never consumed, which may be
     * what went wrong underneath — an AssertionError reporting that error, with the body's failure as its cause
     * (Turbine's {@code turbineScope} does the same).
     */
    public Throwable withUnconsumedProbeErrors(Throwable bodyFailure) {
        List<String> names = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (FlowProbeImpl<?> probe : probes) {
            Throwable error = probe.unconsumedError();
            if (error != null && !isCauseOf(error, bodyFailure)) {   // an assertion on the error reports it already
                names.add(probe.name());
                errors.add(error);
            }
        }
        return errors.isEmpty() ? bodyFailure : ProbeFailures.unconsumedExceptions(names, errors, bodyFailure);
    }

    private static boolean isCauseOf(Throwable error, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == error) {
                return true;
            }
        }
        return false;
    }

    /** A future of this test was cancelled, then its coroutine failed: the failure fails the test. */
    void orphaned(Throwable failure) {
        orphans.add(failure);
    }

    /** Attaches failures of cancelled futures to the failure the body ended with, so that none is lost. */
    public void attachOrphansTo(Throwable failure) {
        for (Throwable orphan = orphans.poll(); orphan != null; orphan = orphans.poll()) {
            if (orphan != failure) {
                failure.addSuppressed(orphan);
            }
        }
    }

    /** Stops every probe; fails the test if one holds events the test never consumed. */
    private void finishProbes() {
        List<String> unconsumed = new ArrayList<>();
        Throwable firstError = null;
        for (FlowProbeImpl<?> probe : probes) {
            for (FlowEvent<?> event : probe.finishAtTestEnd()) {
                unconsumed.add(probe.name() + ": " + event);
                if (firstError == null && event instanceof FlowEvent.Error<?> error) {
                    firstError = error.failure();
                }
            }
        }
        if (!unconsumed.isEmpty()) {
            throw ProbeFailures.unconsumed(unconsumed, firstError);
        }
    }

    /** Ends the scope: every later use fails with a clear message. */
    public void end() {
        ended = true;
    }

    /** Refuses {@code method} once the test has ended, from any thread. */
    void ensureNotEnded(String method) {
        if (ended) {
            throw Failures.scopeUsedAfterTest(method);
        }
    }

    void ensureDrivable(String method) {
        if (!isDrivableHere()) {
            throw refusal(method);
        }
    }

    private IllegalStateException refusal(String method) {
        return ended ? Failures.scopeUsedAfterTest(method) : Failures.scopeUsedFromOtherThread(method, owner);
    }

    @Override
    public String toString() {
        return "CoroutineTestScope[virtual time " + currentTime() + " ms, dispatcher " + dispatcher()
            + (ended ? ", ended" : "") + "]";
    }

    /** {@code call} as the bridge runs it, still named by its own {@code toString} in "Already resumed" reports. */
    private static SuspendBlock blockOf(SuspendCall<?> call) {
        return new SuspendBlock() {
            @Override
            @SuppressWarnings("unchecked")
            public Object invoke(kotlin.coroutines.Continuation<Object> continuation) throws Throwable {
                return ((SuspendCall<Object>) call).invoke(continuation);
            }

            @Override
            public String toString() {
                return call.toString();
            }
        };
    }
}
