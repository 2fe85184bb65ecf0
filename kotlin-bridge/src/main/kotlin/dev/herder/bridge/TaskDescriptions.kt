package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus
import dev.herder.bridge.kotlinx.JobInternals
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Job
import kotlin.coroutines.Continuation

/**
 * What a task of the test's scheduler is, for a schedule's trace: the coroutine it resumes — named as dumps name it,
 * whether the task is a dispatched resume, a `Mutex` or channel hand-off, a virtual `Dispatchers.IO` task or a timer —
 * and the first frame of the user's code it resumes in.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal object TaskDescriptions {
    fun describe(task: Any): Pair<String, StackTraceElement?> {
        val routed = (task as? MainRouter.RoutedTask)?.block ?: task
        val continuation = JobInternals.continuationOf(routed) ?: return routed.toString() to null
        return nameOf(continuation) to JobInternals.firstFrameFrom(continuation, ::isMachinery)
    }

    /**
     * Which coroutine a task resumes, as an identity for a schedule's priorities: the coroutine's job (a `withContext`
     * or `coroutineScope` counts as the coroutine that called it), the call the test body awaits, or — for a task that
     * resumes no coroutine, a plain `Runnable` — the task itself.
     */
    fun coroutineOf(task: Any): Any {
        val routed = (task as? MainRouter.RoutedTask)?.block ?: task
        val continuation = JobInternals.continuationOf(routed) ?: return routed
        var root = rootOfCoroutine(continuation)
        repeat(MAX_SCOPES) {
            val caller = (root as? Job)?.let(JobInternals::callerOf) ?: return root
            root = rootOfCoroutine(caller)
        }
        return root
    }

    private fun rootOfCoroutine(continuation: Continuation<*>): Any = DurableBlocking.rootOf(continuation)

    private const val MAX_SCOPES = 64

    /** The coroutine [continuation] belongs to, by name; a call the test body awaits is "await". */
    private fun nameOf(continuation: Continuation<*>): String {
        val root = rootOfCoroutine(continuation)
        return when (root) {
            is Job -> CoroutineNames.of(root)
            is CallCompletion -> CoroutineNames.ofAwait(root.context)
            else -> continuation.context[CoroutineName]?.name
                ?: continuation.context[Job]?.let(CoroutineNames::of)
                ?: CoroutineNames.plain(continuation.toString())
        }
    }

    /** Frames of Herder's bridge, kotlinx and the stdlib: a trace names the user's frame under them. */
    private fun isMachinery(className: String): Boolean =
        className.startsWith("dev.herder.bridge.") || className.startsWith("kotlinx.coroutines.") ||
            className.startsWith("kotlin.")
}
