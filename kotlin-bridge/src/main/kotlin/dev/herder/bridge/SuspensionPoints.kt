package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.JobInternals
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.Job

/**
 * Where coroutines wait, found without kotlinx-coroutines-debug's probes: a coroutine suspended in a cancellable
 * suspension (`delay`, `await`, `join`, `withTimeout`, `suspendCancellableCoroutine`…) registers its continuation
 * with its job so that cancellation can reach it; from that continuation the suspended frames are walked outwards
 * ([JobInternals] does both). Suspensions that register nothing with the job (a plain `suspendCoroutine`, some flow operators)
 * are not found this way; `-Dherder.debugProbes=true` finds them too. A dump is taken while a test is failing, so any
 * surprise here yields no frames, never a second error.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal object SuspensionPoints {
    /** The live continuations suspended with [job] as their parent. */
    fun suspendedIn(job: Job): List<CancellableContinuation<*>> = try {
        JobInternals.cancellableSuspensionsOf(job)
    } catch (e: Throwable) {
        emptyList()
    }

    /** The suspended frames of [continuation], innermost first (empty if they cannot be found). */
    fun framesOf(continuation: CancellableContinuation<*>): List<StackTraceElement> = try {
        JobInternals.framesOf(continuation)
    } catch (e: Throwable) {
        emptyList()
    }
}
