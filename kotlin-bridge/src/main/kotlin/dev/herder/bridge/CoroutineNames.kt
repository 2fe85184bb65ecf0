package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus
import dev.herder.bridge.kotlinx.JobInternals
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Job
import kotlin.coroutines.CoroutineContext

/**
 * How dumps, traces and verdicts name a coroutine: its `CoroutineName`, else kotlinx's own description without its
 * state and quoting — `coroutine#30 (DispatchedCoroutine)` in kotlinx's debug mode, `StandaloneCoroutine@1a2b3c`
 * otherwise — so that a message that quotes the name never shows `""coroutine#30":DispatchedCoroutine{Active}@…"`.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal object CoroutineNames {
    private val DEBUG = Regex("^\"([^\"]*)\":([\\w$.]+)\\{[^}]*}@(\\w+)$")
    private val PLAIN = Regex("^([\\w$.]+)\\{[^}]*}@(\\w+)$")

    /** The name of the calls the test body awaits; coroutines they start inherit it. */
    val AWAIT: CoroutineName = CoroutineName("await")

    /**
     * The name of [job]'s coroutine. One started inside an awaited call inherits [AWAIT]: it is named by kotlinx's
     * description instead (`await#12 (DeferredCoroutine)` in debug mode), so that it is told apart from the call.
     */
    fun of(job: Job): String {
        val name = JobInternals.contextOf(job)?.get(CoroutineName)
        return when {
            name == null -> plain(job.toString())
            name === AWAIT -> plain(job.toString()).let { if (it.startsWith(AWAIT.name)) it else "$it in ${AWAIT.name}" }
            else -> name.name
        }
    }

    /** The name of a call awaited from Java, suspended with [context] ("await", unless the call named itself). */
    fun ofAwait(context: CoroutineContext): String = context[CoroutineName]?.name ?: AWAIT.name

    /** kotlinx's description of a job or continuation, without its state and quoting. */
    fun plain(description: String): String {
        DEBUG.matchEntire(description)?.let { return "${it.groupValues[1]} (${it.groupValues[2]})" }
        PLAIN.matchEntire(description)?.let { return "${it.groupValues[1]}@${it.groupValues[2]}" }
        return description
    }
}
