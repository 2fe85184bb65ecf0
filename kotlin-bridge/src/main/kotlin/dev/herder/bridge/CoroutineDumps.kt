package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.JobInternals
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Job
import kotlinx.coroutines.debug.DebugProbes

/** One coroutine that is still running: what it is called, its state, and where it is suspended (innermost first). */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class StuckCoroutine(
    public val name: String,
    public val state: String,
    public val frames: List<StackTraceElement>,
)

/**
 * Where stuck coroutines are. By default from the job tree itself ([SuspensionPoints]: free, and it finds
 * cancellable suspensions such as `delay` and `await`); with `-Dherder.debugProbes=true`, from kotlinx-coroutines-debug's
 * `DebugProbes`, which Herder then installs once per JVM (creation stack traces off): complete, but every coroutine
 * of the JVM pays for it. kotlinx-coroutines-debug is an optional dependency: only that flag needs it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object CoroutineDumps {
    /** The system property that turns DebugProbes on. */
    public const val PROPERTY: String = "herder.debugProbes"

    @Volatile private var installed = false

    /**
     * Installs DebugProbes once if `-Dherder.debugProbes=true` asks for them; a JVM that forbids agents keeps working
     * without them (and says so).
     *
     * @throws IllegalStateException if the flag is set but kotlinx-coroutines-debug is not on the classpath
     */
    @JvmStatic
    public fun installProbesIfEnabled() {
        if (installed || !System.getProperty(PROPERTY, "false").equals("true", ignoreCase = true)) return
        synchronized(this) {
            if (installed) return
            if (!Probes.available) throw BridgeFailures.debugProbesMissing(PROPERTY)
            Probes.unexportedFlag()?.let { throw BridgeFailures.debugProbesNotExported(PROPERTY, it) }
            installed = true
            Probes.install()
        }
    }

    /** Whether timeouts can say where coroutines are suspended. */
    @JvmStatic
    public fun probesInstalled(): Boolean = Probes.usable && Probes.isInstalled()

    /**
     * The still-running coroutines whose job is [root] or descends from it, excluding [root] itself. A coroutine in
     * [running] (its job → the thread running it now) is shown with that thread's stack.
     */
    @JvmStatic
    public fun stuckUnder(root: Job, running: Map<Job, Thread>): List<StuckCoroutine> {
        if (probesInstalled()) return Probes.stuckUnder(root, running)
        val out = ArrayList<StuckCoroutine>()
        fun walk(job: Job, isRoot: Boolean) {
            val thread = if (isRoot) null else running[job]
            if (thread != null) {
                out.add(runningOn(nameOf(job), thread))
                for (child in job.children.filter { it.isActive }.toList()) walk(child, false)
                return
            }
            val suspended = SuspensionPoints.suspendedIn(job)
            for (continuation in suspended) {
                val name = if (JobInternals.isCoroutine(job)) nameOf(job) else CoroutineNames.ofAwait(continuation.context)
                out.add(StuckCoroutine(name, "SUSPENDED", SuspensionPoints.framesOf(continuation)))
            }
            val children = job.children.filter { it.isActive }.toList()
            if (!isRoot && suspended.isEmpty() && children.isEmpty() && job.isActive && JobInternals.isCoroutine(job)) {
                out.add(StuckCoroutine(nameOf(job), "ACTIVE", emptyList()))
            }
            for (child in children) walk(child, false)
        }
        walk(root, true)
        return out
    }

    /** A coroutine running (not suspended) on [thread]: its frames are the thread's, down to the coroutine's start. */
    internal fun runningOn(name: String, thread: Thread): StuckCoroutine =
        StuckCoroutine(name, "RUNNING on thread \"${threadName(thread)}\"", coroutineFramesOf(thread.stackTrace))

    private val DEBUG_SUFFIX = Regex(" @[^@]*#\\d+$")

    /** A thread's own name: without the " @coroutine#n" kotlinx's debug mode appends while it runs a coroutine. */
    @JvmStatic
    public fun threadName(thread: Thread): String = thread.name.replace(DEBUG_SUFFIX, "")

    /** The frames of a thread's stack that belong to the coroutine it runs: those above the resumption machinery. */
    @JvmStatic
    public fun coroutineFramesOf(stack: Array<StackTraceElement>): List<StackTraceElement> {
        val end = stack.indexOfFirst(JobInternals::isResumption)
        return (if (end < 0) stack.asList() else stack.asList().subList(0, end)).toList()
    }

    private fun nameOf(job: Job): String = CoroutineNames.of(job)

}

/** kotlinx-coroutines-debug's DebugProbes, touched only when that optional jar is on the classpath. */
private object Probes {
    private const val PACKAGE = "kotlinx.coroutines.debug"
    private const val PROBES = "$PACKAGE.DebugProbes"

    private val probes: Class<*>? = try {
        Class.forName(PROBES, false, Probes::class.java.classLoader)
    } catch (e: ClassNotFoundException) {
        null
    } catch (e: LinkageError) {
        null
    }

    val available: Boolean = probes != null

    init {
        // Herder as a named module (the module path) reads the debug jar's module, named or the class path's
        val herder = Probes::class.java.module
        probes?.module?.let { if (!herder.canRead(it)) herder.addReads(it) }
    }

    /**
     * The `--add-exports` flag the JVM needs when Herder and kotlinx-coroutines-debug are named modules (the module
     * path) and the debug module does not export DebugProbes' package to Herder's (1.9 does not), or null.
     */
    fun unexportedFlag(): String? {
        val debug = (probes ?: return null).module
        val herder = Probes::class.java.module
        if (!debug.isNamed || !herder.isNamed || debug.isExported(PACKAGE, herder)) return null
        return "--add-exports ${debug.name}/$PACKAGE=${herder.name}"
    }

    /** Whether DebugProbes is there and Herder may call it. */
    val usable: Boolean get() = available && unexportedFlag() == null

    fun isInstalled(): Boolean = DebugProbes.isInstalled

    fun install() {
        if (DebugProbes.isInstalled) return
        try {
            DebugProbes.enableCreationStackTraces = false
            DebugProbes.install()
        } catch (e: Throwable) {
            System.err.println("[herder] kotlinx-coroutines-debug could not attach (${e}); timeouts will show " +
                "only the suspension points Herder finds itself. Pass -XX:+EnableDynamicAgentLoading, or drop " +
                "-D${CoroutineDumps.PROPERTY}=true.")
        }
    }

    fun stuckUnder(root: Job, running: Map<Job, Thread>): List<StuckCoroutine> = DebugProbes.dumpCoroutinesInfo()
        .filter { info -> info.job?.let { it !== root && it.descendsFrom(root) } ?: false }
        .map { info ->
            val name = info.context[CoroutineName]?.name ?: info.job?.let(CoroutineNames::of) ?: "coroutine"
            val thread = info.job?.let { running[it] }
            if (thread != null) CoroutineDumps.runningOn(name, thread)
            else StuckCoroutine(name, info.state.toString(), info.lastObservedStackTrace())
        }

}

/** Whether [root] is this job or one of its ancestors. */
internal fun Job.descendsFrom(root: Job): Boolean {
    var current: Job? = this
    while (current != null) {
        if (current === root) return true
        current = current.parent
    }
    return false
}
