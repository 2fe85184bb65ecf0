@file:Suppress("INVISIBLE_REFERENCE", "INVISIBLE_MEMBER", "DEPRECATION_ERROR", "DEPRECATION")

package dev.herder.bridge

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CancellableContinuationImpl
import kotlinx.coroutines.Delay
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Incomplete
import kotlinx.coroutines.Job
import kotlinx.coroutines.JobNode
import kotlinx.coroutines.JobSupport
import kotlinx.coroutines.NodeList
import kotlinx.coroutines.internal.DispatchedContinuation
import kotlinx.coroutines.internal.LockFreeLinkedListNode
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.jvm.internal.CoroutineStackFrame
import kotlin.coroutines.startCoroutine

/**
 * The one seam onto members internal to kotlinx-coroutines (and one of kotlin-stdlib). Nothing else in Herder names
 * an internal or suppresses `INVISIBLE_*`.
 *
 * Herder is compiled against the oldest kotlinx-coroutines it supports ([OLDEST_SUPPORTED]); kotlinx keeps its public
 * binary interface from then on, but internals may change in any release. So every internal used here is
 * (1) exercised once per JVM by [check], which the first Herder call runs: a kotlinx that is too old or whose
 * internals changed shape gives an [IllegalStateException] naming the version found and the supported range, never a
 * `NoSuchMethodError` from inside a wait; and (2) pinned by `KotlinxInternalsContractTest` (in herder-core's tests),
 * which CI runs on every supported kotlinx version.
 *
 * The internals and why Herder needs each:
 * - `TestCoroutineScheduler.tryRunNextTaskUnless`: run one task of the test's scheduler, so that an await returns at
 *   the exact virtual instant its call completed (kotlinx.coroutines #3189 asks for a public "run next task").
 * - `TestCoroutineScheduler.receiveDispatchEvent`: hear a dispatch from another thread while the test thread waits.
 * - `JobSupport.state`, `NodeList`, `JobNode`, `Incomplete.list`, `ChildContinuation.child`: find the continuations a
 *   stuck coroutine is suspended in, for timeout dumps, without kotlinx-coroutines-debug.
 * - `CancellableContinuationImpl.delegate`, `DispatchedContinuation.continuation`: walk a suspended coroutine's frames.
 * - `DefaultDelay`: real-time delays for `Dispatchers.Main` outside a test's dispatcher.
 * - kotlin-stdlib's `probeCoroutineCreated`: let DebugProbes (when installed) see the calls Herder awaits.
 */
public object KotlinxInternals {
    /** The oldest kotlinx-coroutines Herder supports; it is compiled against this version. */
    public const val OLDEST_SUPPORTED: String = "1.8.0"

    /** The newest kotlinx-coroutines line Herder is tested on. */
    public const val NEWEST_TESTED: String = "1.11"

    @Volatile private var verdict: String? = null

    // ---- the test scheduler -------------------------------------------------------------------------------------

    /** Runs the scheduler's next task (advancing virtual time to it) unless [condition] holds; false if none ran. */
    @JvmStatic
    public fun tryRunNextTaskUnless(scheduler: TestCoroutineScheduler, condition: () -> Boolean): Boolean =
        scheduler.tryRunNextTaskUnless(condition)

    private val receiveDispatch: suspend TestCoroutineScheduler.() -> Unit = { receiveDispatchEvent() }

    /**
     * Starts listening for the scheduler's next dispatch event (conflated: one already sent since the last listener is
     * received at once). Returns true if an event was already there; otherwise [listener] is resumed on the next one,
     * and cancelling the job in [listener]'s context withdraws it.
     */
    @JvmStatic
    public fun listenForDispatch(scheduler: TestCoroutineScheduler, listener: Continuation<Unit>): Boolean =
        receiveDispatch.startCoroutineUninterceptedOrReturn(scheduler, listener) !== COROUTINE_SUSPENDED

    // ---- where coroutines wait ----------------------------------------------------------------------------------

    /**
     * The live continuations suspended in a cancellable suspension (`delay`, `await`, `join`,
     * `suspendCancellableCoroutine`…) with [job] as their parent: each registers a `ChildContinuation` node with the
     * job so cancellation reaches it. Suspensions that register nothing (a plain `suspendCoroutine`) are not found.
     */
    @JvmStatic
    public fun cancellableSuspensionsOf(job: Job): List<CancellableContinuation<*>> {
        val out = ArrayList<CancellableContinuation<*>>()
        when (val state = (job as? JobSupport)?.state) {
            is NodeList -> collectAll(state, out)
            is JobNode -> collect(state, out)
            is Incomplete -> state.list?.let { collectAll(it, out) }
        }
        return out
    }

    /** `NodeList.forEach`, written out: the inline function itself differs between kotlinx versions. */
    private fun collectAll(list: NodeList, out: MutableList<CancellableContinuation<*>>) {
        var node = list.next as LockFreeLinkedListNode
        while (node !== list) {
            collect(node, out)
            node = node.nextNode
        }
    }

    private fun collect(node: Any, out: MutableList<CancellableContinuation<*>>) {
        val type = node.javaClass
        if (type.name != CHILD_CONTINUATION) return
        val field = type.getDeclaredField("child").apply { isAccessible = true }
        val continuation = field.get(node) as? CancellableContinuation<*> ?: return
        if (continuation.isActive) out.add(continuation)
    }

    /** The suspended frames of [continuation], innermost first (empty when it has none to show). */
    @JvmStatic
    public fun framesOf(continuation: CancellableContinuation<*>): List<StackTraceElement> {
        val delegate = (continuation as? CancellableContinuationImpl<*>)?.delegate
        var frame: CoroutineStackFrame? =
            (if (delegate is DispatchedContinuation<*>) delegate.continuation else delegate) as? CoroutineStackFrame
        val out = ArrayList<StackTraceElement>()
        while (frame != null) {
            frame.getStackTraceElement()?.let(out::add)
            frame = frame.callerFrame
        }
        return out
    }

    // ---- delays and probes --------------------------------------------------------------------------------------

    /** kotlinx's real-time [Delay], the one a coroutine without a `Delay` dispatcher uses. */
    @JvmStatic
    public val defaultDelay: Delay get() = kotlinx.coroutines.DefaultDelay

    /** Tells DebugProbes (when installed) that [completion] starts a coroutine; returns the continuation to use. */
    @JvmStatic
    public fun <T> probeCoroutineCreated(completion: Continuation<T>): Continuation<T> =
        kotlin.coroutines.jvm.internal.probeCoroutineCreated(completion)

    // ---- the check ----------------------------------------------------------------------------------------------

    /**
     * Checks, once per JVM, that the kotlinx-coroutines on the classpath is one Herder supports: its version, and that
     * every internal above is there and behaves as Herder relies on.
     *
     * @throws IllegalStateException naming the version found, the supported range and what failed
     */
    @JvmStatic
    public fun check() {
        val problem = verdict ?: synchronized(this) {
            verdict ?: (problem() ?: OK).also { verdict = it }
        }
        if (problem !== OK) throw IllegalStateException(problem)
    }

    /** What makes the kotlinx-coroutines on the classpath unusable for Herder, or null if nothing does. */
    @JvmStatic
    public fun problem(): String? {
        val core = KotlinxVersion.of("kotlinx-coroutines-core", Job::class.java)
        val test = KotlinxVersion.of("kotlinx-coroutines-test", TestCoroutineScheduler::class.java)
        for (found in listOf(core, test)) {
            if (found != null && found.isOlderThan(OLDEST_SUPPORTED)) return unsupported(found, "is too old")
        }
        val broken = try {
            selfTest()
        } catch (e: LinkageError) {
            "its internals failed when exercised ($e)"
        } catch (e: RuntimeException) {
            "its internals failed when exercised ($e)"
        } ?: return null
        val described = core ?: test ?: KotlinxVersion("kotlinx-coroutines", "of an unknown version")
        return unsupported(described, "does not work as Herder relies on: $broken")
    }

    private fun unsupported(found: KotlinxVersion, why: String): String =
        "Herder supports kotlinx-coroutines $OLDEST_SUPPORTED to $NEWEST_TESTED.x, but ${found.artifact} " +
            "${found.version} is on the classpath and $why. Align every kotlinx-coroutines artifact on a supported " +
            "version, e.g. import org.jetbrains.kotlinx:kotlinx-coroutines-bom:1.10.2 in your build " +
            "(mvn dependency:tree -Dincludes=org.jetbrains.kotlinx shows where the version comes from)."

    /** Exercises each internal once; returns the first that is missing or misbehaves, or null. */
    internal fun selfTest(): String? {
        val scheduler = try {
            TestCoroutineScheduler()
        } catch (e: Throwable) {
            return "TestCoroutineScheduler() ($e)"
        }
        val ran = attempt("TestCoroutineScheduler.tryRunNextTaskUnless") { tryRunNextTaskUnless(scheduler) { false } }
        if (ran.isFailure || ran.getOrNull() != false) {
            return "TestCoroutineScheduler.tryRunNextTaskUnless (${ran.exceptionOrNull() ?: "ran a task of an empty scheduler"})"
        }
        val listenerJob = Job()
        val heard = attempt("TestCoroutineScheduler.receiveDispatchEvent") {
            listenForDispatch(scheduler, Continuation(listenerJob) {})
        }
        listenerJob.cancel(null)
        if (heard.isFailure) return "TestCoroutineScheduler.receiveDispatchEvent (${heard.exceptionOrNull()})"

        val job = Job()
        var suspended: CancellableContinuation<Unit>? = null
        val waiter: suspend () -> Unit = {
            suspendCancellableCoroutine<Unit> { suspended = it }
        }
        try {
            waiter.startCoroutine(Continuation(job + Dispatchers.Unconfined) {})
            val found = attempt("JobSupport.state") { cancellableSuspensionsOf(job) }
            if (found.isFailure || found.getOrNull() != listOfNotNull(suspended)) {
                return "JobSupport.state / ChildContinuation (${found.exceptionOrNull() ?: "found ${found.getOrNull()}"})"
            }
            val frames = attempt("CancellableContinuationImpl.delegate") { framesOf(suspended!!) }
            if (frames.isFailure) return "CancellableContinuationImpl.delegate (${frames.exceptionOrNull()})"
        } finally {
            job.cancel(null)
        }
        attempt("DefaultDelay") { defaultDelay }.exceptionOrNull()?.let { return "DefaultDelay ($it)" }
        val probed = attempt("probeCoroutineCreated") { probeCoroutineCreated(Continuation<Unit>(job) {}) }
        probed.exceptionOrNull()?.let { return "kotlin.coroutines.jvm.internal.probeCoroutineCreated ($it)" }
        return null
    }

    private inline fun <T> attempt(@Suppress("UNUSED_PARAMETER") what: String, block: () -> T): Result<T> = try {
        Result.success(block())
    } catch (e: LinkageError) {
        Result.failure(e)
    } catch (e: ReflectiveOperationException) {
        Result.failure(e)
    } catch (e: ClassCastException) {
        Result.failure(e)
    }

    private const val CHILD_CONTINUATION = "kotlinx.coroutines.ChildContinuation"
    private const val OK = "ok"
}

/** The version of a kotlinx-coroutines artifact, as its jar records it in `META-INF/<name>.version`. */
internal class KotlinxVersion(val artifact: String, val version: String) {
    /** Whether this version is older than [other] (`major.minor.patch`, suffixes such as `-RC` ignored). */
    fun isOlderThan(other: String): Boolean {
        val mine = numbers(version) ?: return false
        val theirs = numbers(other) ?: return false
        for (i in 0 until 3) {
            if (mine[i] != theirs[i]) return mine[i] < theirs[i]
        }
        return false
    }

    companion object {
        /**
         * The version of [artifact], whose class [anchor] is loaded, or null if its jar does not say (a shaded or
         * repackaged copy).
         */
        fun of(artifact: String, anchor: Class<*>): KotlinxVersion? {
            val resource = "META-INF/${artifact.replace('-', '_')}.version"
            val loader = anchor.classLoader ?: ClassLoader.getSystemClassLoader()
            val text = loader.getResourceAsStream(resource)?.use { it.readBytes().decodeToString().trim() }
            return if (text.isNullOrEmpty()) null else KotlinxVersion(artifact, text)
        }

        private fun numbers(version: String): IntArray? {
            val parts = version.substringBefore('-').split('.')
            if (parts.isEmpty()) return null
            return IntArray(3) { i -> parts.getOrNull(i)?.toIntOrNull() ?: if (i == 0) return null else 0 }
        }
    }
}
