package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.JobInternals
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/**
 * The completion of a call driven from Java: keeps the outcome and fires its [Signal].
 * The outcome is the very exception object the call failed with, never a wrapper. A call completes once: resuming
 * this after the call returned a value, or a second time, is reported as the caller's bug ("Already resumed").
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class CallCompletion(override val context: CoroutineContext) : Signal(), Continuation<Any?> {
    private var value: Any? = null
    private var failure: Throwable? = null
    private val completed = AtomicBoolean()
    @Volatile private var abandonedTo: ((Throwable) -> Unit)? = null
    private val lateReported = AtomicBoolean()

    /** The call returned its value directly: it must not resume this as well. */
    public fun returned() {
        completed.set(true)
    }

    override fun resumeWith(result: Result<Any?>) {
        if (!completed.compareAndSet(false, true)) throw BridgeFailures.alreadyResumed(
            null, "resumed its continuation after it had already completed (returned a value, or resumed before)"
        )
        failure = result.exceptionOrNull()
        value = result.getOrNull()
        fire()
        abandonedTo?.let(::reportLate)
    }

    /**
     * Nobody waits for this call any more (its wait was given up at the deadline): a failure it ends with, now or
     * later, goes to [report] instead of being lost. A cancellation, the echo of the test being stopped, does not.
     */
    public fun abandon(report: (Throwable) -> Unit) {
        abandonedTo = report
        if (isDone) reportLate(report)
    }

    private fun reportLate(report: (Throwable) -> Unit) {
        val late = failure?.let { JobInternals.originalOf(it) } ?: return
        if (late !is java.util.concurrent.CancellationException && lateReported.compareAndSet(false, true)) report(late)
    }

    /** The call's value, or throws the call's exception object (the original of a recovered copy). Only once [isDone]. */
    public fun valueOrThrow(): Any? {
        check(isDone) { "The call has not completed yet" }
        failure?.let { throw JobInternals.originalOf(it) }
        return value
    }
}
