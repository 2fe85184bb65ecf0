@file:Suppress("INVISIBLE_REFERENCE", "INVISIBLE_MEMBER", "DEPRECATION_ERROR", "DEPRECATION") // JobSupport.state, NodeList, CancellableContinuationImpl

package dev.herder.bridge

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CancellableContinuationImpl
import kotlinx.coroutines.Incomplete
import kotlinx.coroutines.Job
import kotlinx.coroutines.JobNode
import kotlinx.coroutines.JobSupport
import kotlinx.coroutines.NodeList
import kotlinx.coroutines.internal.DispatchedContinuation
import kotlin.coroutines.jvm.internal.CoroutineStackFrame

/**
 * Where coroutines wait, found without kotlinx-coroutines-debug's probes: a coroutine suspended in a cancellable
 * suspension (`delay`, `await`, `join`, `withTimeout`, `suspendCancellableCoroutine`…) registers its continuation
 * with its job so that cancellation can reach it; from that continuation the suspended frames are walked outwards.
 * Suspensions that do not register (channel receives, flow collection, `Mutex.lock`) are not found this way;
 * `-Dherder.debugProbes=true` finds them too. Any surprise in kotlinx's internals yields no frames, never an error.
 */
internal object SuspensionPoints {
    /** The live continuations suspended with [job] as their parent. */
    fun suspendedIn(job: Job): List<CancellableContinuation<*>> = try {
        val out = ArrayList<CancellableContinuation<*>>()
        when (val state = (job as? JobSupport)?.state) {
            is NodeList -> state.forEach { collect(it, out) }
            is JobNode -> collect(state, out)
            is Incomplete -> state.list?.forEach { collect(it, out) }
        }
        out
    } catch (e: Throwable) {
        emptyList()
    }

    private fun collect(node: Any, out: MutableList<CancellableContinuation<*>>) {
        if (node.javaClass.name != "kotlinx.coroutines.ChildContinuation") return
        val field = node.javaClass.getDeclaredField("child").apply { isAccessible = true }
        val continuation = field.get(node) as? CancellableContinuation<*> ?: return
        if (continuation.isActive) out.add(continuation)
    }

    /** The suspended frames of [continuation], innermost first (empty if they cannot be found). */
    fun framesOf(continuation: CancellableContinuation<*>): List<StackTraceElement> = try {
        val delegate = (continuation as? CancellableContinuationImpl<*>)?.delegate
        var frame: CoroutineStackFrame? =
            (if (delegate is DispatchedContinuation<*>) delegate.continuation else delegate) as? CoroutineStackFrame
        val out = ArrayList<StackTraceElement>()
        while (frame != null) {
            frame.getStackTraceElement()?.let(out::add)
            frame = frame.callerFrame
        }
        out
    } catch (e: Throwable) {
        emptyList()
    }
}
