package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.jvm.internal.CoroutineStackFrame

/**
 * A suspend call seen from Java: invoke it with a continuation, get a value or `COROUTINE_SUSPENDED`.
 * Herder's public `dev.herder.SuspendCall` is adapted to this shape; users never see it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public fun interface SuspendBlock {
    @Throws(Throwable::class)
    public fun invoke(continuation: Continuation<Any?>): Any?
}

/**
 * Runs [block] as a plain suspend call of the current coroutine. A hand-written call that completes twice (resumes
 * its continuation after returning a value, or resumes it twice) is the caller's bug, reported as such where it
 * happens — as kotlin's own `suspendCoroutine` says "Already resumed" — instead of corrupting the coroutine.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public suspend fun SuspendBlock.invokeSuspending(): Any? =
    suspendCoroutineUninterceptedOrReturn { continuation ->
        val once = OnceContinuation(continuation, this)
        val result = invoke(once)
        if (result !== COROUTINE_SUSPENDED) once.returned()
        result
    }

/** Lets a call complete once: by returning, or by resuming its continuation — not both, not twice. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal class OnceContinuation(
    /** The caller's continuation this guards: a deadlock verdict walks on to it. */
    override val delegate: Continuation<Any?>,
    private val call: Any,
) : Continuation<Any?>, CoroutineStackFrame, CallGuard {
    // a frame of its own for nobody: dumps, traces and kotlinx's stack-trace recovery walk on to the caller
    override val callerFrame: CoroutineStackFrame? get() = delegate as? CoroutineStackFrame

    override fun getStackTraceElement(): StackTraceElement? = null

    private val state = AtomicInteger(PENDING)

    override val context: CoroutineContext get() = delegate.context

    fun returned() {
        if (!state.compareAndSet(PENDING, RETURNED)) throw completedTwice("returned a value after it resumed")
    }

    override fun resumeWith(result: Result<Any?>) {
        when (state.compareAndExchange(PENDING, RESUMED)) {
            PENDING -> delegate.resumeWith(result)
            RETURNED -> throw completedTwice("resumed its continuation after it returned a value")
            else -> throw completedTwice("resumed its continuation a second time")
        }
    }

    private fun completedTwice(what: String) = BridgeFailures.alreadyResumed(call, what)

    private companion object {
        const val PENDING = 0
        const val RETURNED = 1
        const val RESUMED = 2
    }
}

/** One of Herder's guards between a call and its caller: dumps and the deadlock verdict walk on to [delegate]. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal interface CallGuard {
    val delegate: Continuation<Any?>
}

/**
 * Runs [block] in a coroutine frame of its own and hands it that frame, as a call in `runTest`'s body gets one: a
 * Java lambda that calls `yield(c)` itself yields through the test's dispatcher. The call completes once: its first
 * outcome (the value it returns or throws, or its first resumption) goes to [target]; then the frame stays suspended,
 * so a second resumption is reported as the caller's bug ("Already resumed"), thrown to whoever resumed, instead of
 * reaching a finished kotlin frame (which fails inside kotlin with a `ClassCastException`).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal class FramedCall(private val block: SuspendBlock) {
    /** Where the call's outcome goes: the await's completion (as DebugProbes see it). Set before [start]. */
    lateinit var target: Continuation<Any?>

    private val end = object : Continuation<Any?>, CoroutineStackFrame, CallGuard {
        override val delegate: Continuation<Any?> get() = target
        override val context: CoroutineContext get() = target.context
        override val callerFrame: CoroutineStackFrame? get() = target as? CoroutineStackFrame
        override fun getStackTraceElement(): StackTraceElement? = null

        // only the report of a second completion ends the frame: thrown to the code that resumed it
        override fun resumeWith(result: Result<Any?>) {
            throw result.exceptionOrNull() ?: IllegalStateException("the frame of an awaited call ended with a value")
        }
    }

    /** How the call completed the first time, as the call itself did it (on the thread that started it). */
    @Volatile private var first = SUSPENDED
    private var delivered = false   // on the frame's own thread of the moment: each resumption happens-after the last

    private val frame: suspend () -> Nothing = {
        val outcome = runCatching {
            suspendCoroutineUninterceptedOrReturn<Any?> { frame ->
                val result = try {
                    block.invoke(frame)
                } catch (e: Throwable) {
                    first = THREW
                    throw e
                }
                if (result !== COROUTINE_SUSPENDED) first = RETURNED
                result
            }
        }
        // a call that resumed itself twice before returning ran the frame on inside its own invocation: the first
        // resumption is delivered, and the second one's report is what this outcome holds
        if (delivered) throw outcome.exceptionOrNull() ?: completedTwice("resumed its continuation a second time")
        delivered = true
        target.resumeWith(outcome)
        suspendCoroutineUninterceptedOrReturn<Any?> { COROUTINE_SUSPENDED }
        throw completedTwice(when (first) {
            RETURNED -> "resumed its continuation after it returned a value"
            THREW -> "resumed its continuation after it threw"
            else -> "resumed its continuation a second time"
        })
    }

    private fun completedTwice(what: String) = BridgeFailures.alreadyResumed(block, what)

    /** Runs the call up to its first suspension; its outcome always reaches [target], never this return. */
    fun start() {
        frame.startCoroutineUninterceptedOrReturn(end)
    }

    private companion object {
        const val SUSPENDED = 0
        const val RETURNED = 1
        const val THREW = 2
    }
}
