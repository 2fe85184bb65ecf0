package dev.herder;

import dev.herder.internal.Durations;
import dev.herder.internal.Failures;
import dev.herder.internal.run.RunSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import kotlinx.coroutines.CoroutineDispatcher;

/**
 * How a coroutine test runs: its dispatcher and its wall-clock timeout. Immutable; each {@code with…} returns a copy.
 *
 * <pre>{@code
 * TestOptions options = TestOptions.defaults()
 *     .withDispatcher(DispatcherKind.IO)
 *     .withTimeout(Duration.ofSeconds(5));
 * Coroutines.runBlockingTest(options, scope -> ...);
 * }</pre>
 */
public final class TestOptions {
    /** The system property that sets the default timeout, e.g. {@code -Dherder.test.timeout="5 s"} or {@code PT5S}. */
    public static final String TIMEOUT_PROPERTY = "herder.test.timeout";

    /**
     * The system property that turns {@linkplain #withVirtualDispatchers(boolean) virtual dispatchers} on for every
     * test that does not choose otherwise: {@code -Dherder.virtualDispatchers=true}. A test on a real
     * {@link DispatcherKind} keeps its real dispatchers.
     */
    public static final String VIRTUAL_DISPATCHERS_PROPERTY = "herder.virtualDispatchers";

    /** The timeout when neither {@link #withTimeout(Duration)} nor {@value #TIMEOUT_PROPERTY} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final DispatcherKind kind;
    private final CoroutineDispatcher customDispatcher;
    private final Duration timeout;
    private final boolean neverAwaitedCheck;
    private final String name;
    /** True or false when chosen for this test; null: the suite's default ({@value #VIRTUAL_DISPATCHERS_PROPERTY}). */
    private final Boolean virtualDispatchers;
    private final Schedule schedule;
    private final int shrinkRuns;
    private final Duration shrinkTime;

    /** How many extra runs a failing explored schedule may take to shrink, unless {@link #withShrinkBudget} says. */
    public static final int DEFAULT_SHRINK_RUNS = 200;

    /** How long a failing explored schedule may take to shrink, unless {@link #withShrinkBudget} says. */
    public static final Duration DEFAULT_SHRINK_TIME = Duration.ofSeconds(5);

    private TestOptions(DispatcherKind kind, CoroutineDispatcher customDispatcher, Duration timeout,
                        boolean neverAwaitedCheck, String name, Boolean virtualDispatchers, Schedule schedule,
                        int shrinkRuns, Duration shrinkTime) {
        if (schedule.isShuffled() && (customDispatcher != null || (kind != null && !kind.usesVirtualTime()))) {
            throw Failures.shuffleOnRealTime(kind != null ? "DispatcherKind." + kind : "the dispatcher " + customDispatcher,
                schedule);
        }
        if (Boolean.TRUE.equals(virtualDispatchers) && (customDispatcher != null || (kind != null && !kind.usesVirtualTime()))) {
            throw Failures.virtualDispatchersOnRealTime(kind != null ? "DispatcherKind." + kind
                : "the dispatcher " + customDispatcher);
        }
        this.kind = kind;
        this.customDispatcher = customDispatcher;
        this.timeout = timeout;
        this.neverAwaitedCheck = neverAwaitedCheck;
        this.name = name;
        this.virtualDispatchers = virtualDispatchers;
        this.schedule = schedule;
        this.shrinkRuns = shrinkRuns;
        this.shrinkTime = shrinkTime;
    }

    /**
     * The defaults: {@link DispatcherKind#STANDARD_TEST} and a 60 s timeout, or the timeout given by the system
     * property {@value #TIMEOUT_PROPERTY}.
     *
     * @throws IllegalArgumentException if that system property is not a valid duration
     */
    public static TestOptions defaults() {
        String property = System.getProperty(TIMEOUT_PROPERTY);
        Duration timeout = property == null ? DEFAULT_TIMEOUT : Durations.parse(property, "-D" + TIMEOUT_PROPERTY);
        return new TestOptions(DispatcherKind.STANDARD_TEST, null, timeout, false, Failures.UNNAMED_TEST, null, Schedule.fifo(),
            DEFAULT_SHRINK_RUNS, DEFAULT_SHRINK_TIME);
    }

    /**
     * Runs the test's calls on {@code kind}.
     *
     * @throws IllegalArgumentException if {@code kind} is null
     */
    public TestOptions withDispatcher(DispatcherKind kind) {
        if (kind == null) {
            throw Failures.nullArgument("TestOptions.withDispatcher", "a dispatcher kind",
                "one of " + java.util.Arrays.toString(DispatcherKind.values()));
        }
        return new TestOptions(kind, null, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * Runs the test's calls on any dispatcher of yours, with real time. Herder does not close it.
     *
     * @throws IllegalArgumentException if {@code dispatcher} is null
     */
    public TestOptions withDispatcher(CoroutineDispatcher dispatcher) {
        if (dispatcher == null) {
            throw Failures.nullArgument("TestOptions.withDispatcher", "a dispatcher",
                "Dispatchers.getIO(), or withDispatcher(DispatcherKind.IO)");
        }
        return new TestOptions(null, dispatcher, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * Bounds the whole test, including the wait for its coroutines at the end, by {@code timeout} of wall-clock time.
     *
     * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
     */
    public TestOptions withTimeout(Duration timeout) {
        Durations.requirePositive(timeout, "timeout");
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * As {@link #withTimeout(Duration)}, from text: JUnit's duration format ({@code "5 s"}, {@code "500 ms"},
     * {@code "2 m"}; a bare number is seconds) or ISO-8601 ({@code "PT5S"}) — the format of
     * {@value #TIMEOUT_PROPERTY} and of {@code @CoroutineTest(timeout = ...)}.
     *
     * @throws IllegalArgumentException if {@code timeout} is null, or neither format, or not positive
     */
    public TestOptions withTimeout(String timeout) {
        if (timeout == null) {
            throw Failures.nullArgument("TestOptions.withTimeout", "a duration", "withTimeout(\"5 s\")");
        }
        return withTimeout(Durations.parse(timeout, "withTimeout(\"" + timeout + "\")"));
    }

    /**
     * With {@code true}, a future started by {@code scope.future(...)} whose result the test never looked at fails the
     * test with "… was never awaited", naming the line that started it: a result nobody checked would let a
     * broken test pass. Off by default here; the JUnit integrations turn it on (the attribute of the same name,
     * {@code @CoroutineTest(failOnNeverAwaited = false)}, turns it off there). Starting futures then costs a stack walk.
     */
    public TestOptions withFailOnNeverAwaited(boolean enabled) {
        return new TestOptions(kind, customDispatcher, timeout, enabled, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * Names the test in failure messages (the JUnit integration passes the test's display name).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public TestOptions withName(String name) {
        if (name == null || name.isBlank()) {
            throw Failures.blankArgument("TestOptions.withName", "a test name", "withName(\"herdsTheCat()\")");
        }
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * With {@code true}, the test's work on {@code Dispatchers.IO}, {@code Dispatchers.Default} and their
     * {@code limitedParallelism(n)} views — coroutines started by the test body, by the code it calls, by mocks — runs
     * on the test's scheduler instead: on virtual time, on the test thread, in the test's deterministic order. So
     * {@code withContext(Dispatchers.IO) { delay(1_000) }} moves {@link CoroutineTestScope#currentTime()} by 1,000
     * and takes no wall-clock time. Code outside the test and other tests running in parallel keep the real
     * dispatchers, and nothing stays changed after the test.
     *
     * <p>With it on, a test is called deadlocked (a {@link CoroutineTestTimeoutError} naming each waiting coroutine
     * and what it waits for) as soon as nothing is due on the virtual clock and every coroutine of it waits for
     * something only another of its coroutines could give — a {@code Mutex}, a channel, a job or a
     * {@code CompletableDeferred} only coroutines wait on (a {@link Gate}) — as Go's {@code testing/synctest} defines durable blocking. A wait
     * for a real thread or real I/O (a {@code CompletionStage}, a callback, a socket) is never called a deadlock: such
     * a test waits until its timeout, as {@code runTest} would.
     *
     * <p>The first use installs Herder's hooks into kotlinx's {@code Dispatchers.IO}/{@code Default} (a Java agent
     * attached at run time through ByteBuddy; no command-line flag is needed, and on JDK 21+ the JVM prints a warning
     * unless it runs with {@code -XX:+EnableDynamicAgentLoading}). A blocking call in such code blocks the test thread.
     *
     * @throws IllegalArgumentException with {@code true}, if the test runs on a real {@link DispatcherKind} or a
     *     dispatcher of yours: they run on real time
     */
    public TestOptions withVirtualDispatchers(boolean enabled) {
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name, enabled, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * Whether the test's {@code Dispatchers.IO}/{@code Default} work runs on virtual time: as chosen by
     * {@link #withVirtualDispatchers(boolean)}, else the {@value #VIRTUAL_DISPATCHERS_PROPERTY} system property — which
     * a test on a real dispatcher ignores.
     */
    public boolean virtualDispatchers() {
        if (virtualDispatchers != null) {
            return virtualDispatchers;
        }
        boolean onTestDispatcher = customDispatcher == null && kind != null && kind.usesVirtualTime();
        return onTestDispatcher && Boolean.parseBoolean(System.getProperty(VIRTUAL_DISPATCHERS_PROPERTY, "false"));
    }

    /**
     * Runs the test under {@code schedule}: {@link Schedule#fifo()} (kotlinx's order, the default) or
     * {@link Schedule#shuffled(long)}, which runs the tasks due at one virtual instant in an order drawn from its seed.
     * On a real dispatcher there is no virtual instant to shuffle: use it with the test dispatchers.
     *
     * @throws IllegalArgumentException if {@code schedule} is null, or shuffled on a real dispatcher
     */
    public TestOptions withSchedule(Schedule schedule) {
        if (schedule == null) {
            throw Failures.nullArgument("TestOptions.withSchedule", "a schedule", "Schedule.fifo(), Schedule.shuffled(seed), Schedule.pct(seed, depth), Schedule.pos(seed) or Schedule.replay(choices)");
        }
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    /**
     * How much a failure under an explored schedule may spend on shrinking it: at most {@code runs} extra runs of the
     * test and {@code time} of wall-clock time, whichever ends first ({@value #DEFAULT_SHRINK_RUNS} runs and 5 s by
     * default). Shrinking re-runs the test body under replays of the failing schedule with fewer deviations from
     * kotlinx's order, keeps each that fails the same way (the same exception type, thrown from the same line), and
     * reports the smallest as a {@linkplain Schedule#replay(String) replay string} with a table of its deviations. The
     * body must set up what it checks itself (a re-run sees what an earlier run left in objects it shares). {@code 0}
     * runs turns shrinking off.
     *
     * @throws IllegalArgumentException if {@code runs} is negative or {@code time} is null or negative
     */
    public TestOptions withShrinkBudget(int runs, Duration time) {
        if (runs < 0 || time == null || time.isNegative()) {
            throw new IllegalArgumentException("TestOptions.withShrinkBudget needs runs of 0 or more (0 turns shrinking "
                + "off) and a time of zero or more, e.g. withShrinkBudget(200, Duration.ofSeconds(5)), but got " + runs
                + " and " + time + ".");
        }
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule,
            runs, time);
    }

    /** How many extra runs shrinking a failing explored schedule may take ({@link #withShrinkBudget}); 0: none. */
    public int shrinkRuns() {
        return shrinkRuns;
    }

    /** How long shrinking a failing explored schedule may take ({@link #withShrinkBudget}). */
    public Duration shrinkTime() {
        return shrinkTime;
    }

    /** The schedule the test runs under ({@link #withSchedule(Schedule)}); {@link Schedule#fifo()} by default. */
    public Schedule schedule() {
        return schedule;
    }

    /** Whether never-awaited futures fail the test ({@link #withFailOnNeverAwaited(boolean)}). */
    public boolean failOnNeverAwaited() {
        return neverAwaitedCheck;
    }

    /** The test's name in failure messages. */
    public String name() {
        return name;
    }

    /** The wall-clock timeout of the whole test. */
    public Duration timeout() {
        return timeout;
    }

    /** The chosen kind, or empty when a custom dispatcher was given. */
    public Optional<DispatcherKind> dispatcherKind() {
        return Optional.ofNullable(kind);
    }

    /** The custom dispatcher given to {@link #withDispatcher(CoroutineDispatcher)}, if any. */
    public Optional<CoroutineDispatcher> customDispatcher() {
        return Optional.ofNullable(customDispatcher);
    }

    /** These options as the runner takes them (internal: the one place the public options cross into internal code). */
    RunSpec toRunSpec() {
        return new RunSpec(name, timeout, kind, customDispatcher, neverAwaitedCheck, virtualDispatchers(), schedule,
            shrinkRuns, shrinkTime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestOptions other && kind == other.kind
            && Objects.equals(customDispatcher, other.customDispatcher) && timeout.equals(other.timeout)
            && neverAwaitedCheck == other.neverAwaitedCheck && name.equals(other.name)
            && Objects.equals(virtualDispatchers, other.virtualDispatchers) && schedule.equals(other.schedule)
            && shrinkRuns == other.shrinkRuns && shrinkTime.equals(other.shrinkTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, customDispatcher, timeout, neverAwaitedCheck, name, virtualDispatchers, schedule, shrinkRuns, shrinkTime);
    }

    @Override
    public String toString() {
        return "TestOptions[" + name + ", dispatcher=" + (kind != null ? kind : customDispatcher) + ", timeout=" + timeout
            + (neverAwaitedCheck ? ", never-awaited check" : "") + (virtualDispatchers() ? ", virtual dispatchers" : "")
            + (schedule.isShuffled() ? ", " + schedule : "") + "]";
    }
}
