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

    private TestOptions(DispatcherKind kind, CoroutineDispatcher customDispatcher, Duration timeout) {
        this.kind = kind;
        this.customDispatcher = customDispatcher;
        this.timeout = timeout;
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
        return new TestOptions(DispatcherKind.STANDARD_TEST, null, timeout);
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
        return new TestOptions(kind, null, timeout);
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
        return new TestOptions(null, dispatcher, timeout);
    }

    /**
     * Bounds the whole test, including the wait for its coroutines at the end, by {@code timeout} of wall-clock time.
     *
     * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
     */
    public TestOptions withTimeout(Duration timeout) {
        Durations.requirePositive(timeout, "timeout");
        return new TestOptions(kind, customDispatcher, timeout);
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
            && Objects.equals(customDispatcher, other.customDispatcher) && timeout.equals(other.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, customDispatcher, timeout);
    }

    @Override
    public String toString() {
        return "TestOptions[dispatcher=" + (kind != null ? kind : customDispatcher) + ", timeout=" + timeout + "]";
    }
}
