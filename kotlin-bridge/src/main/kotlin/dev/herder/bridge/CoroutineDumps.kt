package dev.herder.bridge

import kotlinx.coroutines.AbstractCoroutine
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Job
import kotlinx.coroutines.debug.DebugProbes

/** One coroutine that is still running: what it is called, its state, and where it is suspended (innermost first). */
public class StuckCoroutine(
    public val name: String,
    public val state: String,
    public val frames: List<StackTraceElement>,
)

/**
 * Where stuck coroutines are. By default from the job tree itself ([SuspensionPoints]: free, and it finds
 * cancellable suspensions such as `delay` and `await`); with `-Dherder.debugProbes=true`, from kotlinx-coroutines-debug's
 * [DebugProbes], which Herder then installs once per JVM (creation stack traces off): complete, but every coroutine
 * of the JVM pays for it.
 */
public object CoroutineDumps {
    @Volatile private var tried = false

    /** Installs [DebugProbes] once, if allowed; a JVM that forbids agents keeps working without dumps. */
    @JvmStatic
    public fun installProbesIfEnabled() {
        if (tried) return
        synchronized(this) {
            if (tried) return
            tried = true
            if (!System.getProperty("herder.debugProbes", "false").equals("true", ignoreCase = true)) return
            if (DebugProbes.isInstalled) return
            try {
                DebugProbes.enableCreationStackTraces = false
                DebugProbes.install()
            } catch (e: Throwable) {
                System.err.println("[herder] kotlinx-coroutines-debug could not attach (${e}); timeouts will show " +
                    "only the suspension points Herder finds itself. Pass -XX:+EnableDynamicAgentLoading, or drop " +
                    "-Dherder.debugProbes=true.")
            }
        }
    }

    /** Whether timeouts can say where coroutines are suspended. */
    @JvmStatic
    public fun probesInstalled(): Boolean = DebugProbes.isInstalled

    /** The still-running coroutines whose job is [root] or descends from it, excluding [root] itself. */
    @JvmStatic
    public fun stuckUnder(root: Job): List<StuckCoroutine> {
        if (DebugProbes.isInstalled) {
            return DebugProbes.dumpCoroutinesInfo()
                .filter { info -> info.job?.let { it !== root && descendsFrom(it, root) } ?: false }
                .map { info ->
                    val name = info.context[CoroutineName]?.name ?: info.job.toString()
                    StuckCoroutine(name, info.state.toString(), info.lastObservedStackTrace())
                }
        }
        val out = ArrayList<StuckCoroutine>()
        fun walk(job: Job, isRoot: Boolean) {
            val suspended = SuspensionPoints.suspendedIn(job)
            for (continuation in suspended) {
                val name = continuation.context[CoroutineName]?.name ?: nameOf(job)
                out.add(StuckCoroutine(name, "SUSPENDED", SuspensionPoints.framesOf(continuation)))
            }
            val children = job.children.filter { it.isActive }.toList()
            if (!isRoot && suspended.isEmpty() && children.isEmpty() && job.isActive && job is AbstractCoroutine<*>) {
                out.add(StuckCoroutine(nameOf(job), "ACTIVE", emptyList()))
            }
            for (child in children) walk(child, false)
        }
        walk(root, true)
        return out
    }

    private fun nameOf(job: Job): String =
        (job as? AbstractCoroutine<*>)?.context?.get(CoroutineName)?.name ?: job.toString()

    private fun descendsFrom(job: Job, root: Job): Boolean {
        var current: Job? = job
        while (current != null) {
            if (current === root) return true
            current = current.parent
        }
        return false
    }
}
