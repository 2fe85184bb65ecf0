package dev.herder;

import dev.herder.internal.Failures;
import dev.herder.bridge.GateCore;

/**
 * Holds suspended callers until the test lets them through: a one-shot latch for coroutines. A stub answers with
 * {@code thenSuspendUntil(gate)}; Kotlin or Java code waits with {@code scope.await(gate.pass())}.
 *
 * <pre>{@code
 * Gate<User> reply = new Gate<>();
 * SuspendMocks.whenever(repo, (r, c) -> r.find("id", c)).thenSuspendUntil(reply);
 * CompletableFuture<User> lookup = scope.future(c -> service.load("id", c));
 * scope.runCurrent();
 * assertThat(reply.waiting()).isEqualTo(1);     // the service is waiting for the repository
 * reply.open(user);                              // let it through
 * assertThat(scope.await(lookup)).isEqualTo(user);
 * }</pre>
 *
 * <p>Waiters resume on their own dispatcher (on the test's loop in a test), never inside {@code open}. Once open or
 * failed, a gate stays so: later callers pass at once.
 *
 * @param <T> the value the gate lets through
 */
public final class Gate<T> {
    private final GateCore<T> core = new GateCore<>();

    /**
     * Lets every waiter, present and future, through with {@code value}. Never blocks.
     *
     * @throws IllegalStateException if the gate was already opened or failed
     */
    public void open(T value) {
        if (!core.open(value)) {
            throw Failures.gateUsedTwice("value");
        }
    }

    /**
     * Makes every waiter, present and future, throw {@code failure}. Never blocks.
     *
     * @throws IllegalArgumentException if {@code failure} is null
     * @throws IllegalStateException if the gate was already opened or failed
     */
    public void fail(Throwable failure) {
        if (failure == null) {
            throw Failures.nullArgument("Gate.fail", "the exception waiters should throw", "new IOException(\"down\")");
        }
        if (!core.fail(failure)) {
            throw Failures.gateUsedTwice("outcome");
        }
    }

    /** How many callers are suspended on this gate right now. */
    public int waiting() {
        return core.getWaiting();
    }

    /** Whether the gate was opened or failed. */
    public boolean isOpen() {
        return core.isOpen();
    }

    /** A suspend call that waits until the gate opens (returning its value) or fails (throwing its failure). */
    public SuspendCall<T> pass() {
        return core::pass;
    }

    @Override
    public String toString() {
        return "Gate[" + (isOpen() ? "open" : waiting() + " waiting") + "]";
    }
}
