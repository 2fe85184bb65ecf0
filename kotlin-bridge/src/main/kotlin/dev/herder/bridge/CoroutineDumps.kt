package dev.herder.bridge

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
 * Where stuck coroutines are: kotlinx-coroutines-debug's [DebugProbes] when installed, else the job tree alone.
 * Herder installs the probes once per JVM (creation stack traces off), unless `-Dherder.debugProbes=false`.
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
            if (System.getProperty("herder.debugProbes", "true").equals("false", ignoreCase = true)) return
            if (DebugProbes.isInstalled) return
            try {
                DebugProbes.enableCreationStackTraces = false
                DebugProbes.install()
            } catch (e: Throwable) {
                System.err.println("[herder] kotlinx-coroutines-debug could not attach (${e}); timeouts will name " +
                    "coroutines but not where they are suspended. Pass -XX:+EnableDynamicAgentLoading or " +
                    "-Dherder.debugProbes=false to silence this.")
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
        fun walk(job: Job) {
            for (child in job.children) {
                if (child.isActive) out.add(StuckCoroutine(child.toString(), "ACTIVE", emptyList()))
                walk(child)
            }
        }
        walk(root)
        return out
    }

    private fun descendsFrom(job: Job, root: Job): Boolean {
        var current: Job? = job
        while (current != null) {
            if (current === root) return true
            current = current.parent
        }
        return false
    }
}
