package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

/**
 * A test's wall-clock limit as the bridge's loops see it. One object (herder-core's `Deadline`) owns the clock, the
 * dump, the interrupt and the message, so every way a test can run out of time ends the same way.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public interface TestDeadline {
    /** The `System.nanoTime()` value by which the test must have ended. */
    public val nanos: Long

    /** The error to throw when one of Herder's own waits on the test thread reaches the limit. */
    public fun expired(run: TestRun): Throwable

    /**
     * A failure that came after the wait for it was given up at the limit (an awaited call whose `finally` block threw
     * when the timed-out test cancelled it): it belongs to the timeout error, as suppressed.
     */
    public fun abandoned(failure: Throwable)
}
