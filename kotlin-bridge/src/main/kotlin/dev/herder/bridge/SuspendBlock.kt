package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
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
    val delegate: Continuation<Any?>,
    private val call: Any,
) : Continuation<Any?>, CoroutineStackFrame {
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
