package dev.herder;

import dev.herder.internal.Durations;
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

    /** The timeout when neither {@link #withTimeout(Duration)} nor {@value #TIMEOUT_PROPERTY} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final DispatcherKind kind;
    private final CoroutineDispatcher customDispatcher;
    private final Duration timeout;
    private final boolean neverAwaitedCheck;
    private final String name;

    private TestOptions(DispatcherKind kind, CoroutineDispatcher customDispatcher, Duration timeout,
                        boolean neverAwaitedCheck, String name) {
        this.kind = kind;
        this.customDispatcher = customDispatcher;
        this.timeout = timeout;
        this.neverAwaitedCheck = neverAwaitedCheck;
        this.name = name;
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
        return new TestOptions(DispatcherKind.STANDARD_TEST, null, timeout, false, "coroutine test");
    }

    /**
     * Runs the test's calls on {@code kind}.
     *
     * @throws IllegalArgumentException if {@code kind} is null
     */
    public TestOptions withDispatcher(DispatcherKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("dispatcher kind must not be null: pass one of " + java.util.Arrays.toString(DispatcherKind.values()));
        }
        return new TestOptions(kind, null, timeout, neverAwaitedCheck, name);
    }

    /**
     * Runs the test's calls on any dispatcher of yours, with real time. Herder does not close it.
     *
     * @throws IllegalArgumentException if {@code dispatcher} is null
     */
    public TestOptions withDispatcher(CoroutineDispatcher dispatcher) {
        if (dispatcher == null) {
            throw new IllegalArgumentException("dispatcher must not be null: pass a CoroutineDispatcher or use withDispatcher(DispatcherKind)");
        }
        return new TestOptions(null, dispatcher, timeout, neverAwaitedCheck, name);
    }

    /**
     * Bounds the whole test, including the wait for its coroutines at the end, by {@code timeout} of wall-clock time.
     *
     * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
     */
    public TestOptions withTimeout(Duration timeout) {
        Durations.requirePositive(timeout, "timeout");
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name);
    }

    /**
     * With {@code true}, a future started by {@code scope.future(...)} whose result the test never looked at fails the
     * test with "… was never awaited", naming the line that started it: the Java form of Python's "coroutine was never
     * awaited". Off by default here; the JUnit integration turns it on. Starting futures then costs a stack walk.
     */
    public TestOptions withNeverAwaitedCheck(boolean enabled) {
        return new TestOptions(kind, customDispatcher, timeout, enabled, name);
    }

    /**
     * Names the test in failure messages (the JUnit integration passes the test's display name).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public TestOptions withName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a test name must not be blank, e.g. withName(\"herdsTheCat()\")");
        }
        return new TestOptions(kind, customDispatcher, timeout, neverAwaitedCheck, name);
    }

    /** Whether never-awaited futures fail the test ({@link #withNeverAwaitedCheck(boolean)}). */
    public boolean neverAwaitedCheck() {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof TestOptions other && kind == other.kind
            && Objects.equals(customDispatcher, other.customDispatcher) && timeout.equals(other.timeout)
            && neverAwaitedCheck == other.neverAwaitedCheck && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, customDispatcher, timeout, neverAwaitedCheck, name);
    }

    @Override
    public String toString() {
        return "TestOptions[" + name + ", dispatcher=" + (kind != null ? kind : customDispatcher) + ", timeout=" + timeout
            + (neverAwaitedCheck ? ", never-awaited check" : "") + "]";
    }
}
