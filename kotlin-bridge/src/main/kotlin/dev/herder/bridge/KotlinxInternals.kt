@file:Suppress("INVISIBLE_REFERENCE", "INVISIBLE_MEMBER", "DEPRECATION_ERROR", "DEPRECATION")

package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

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
import kotlinx.coroutines.test.TestDispatcher
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
 * - `TestScopeImpl.leave`: leave the global exception collector when a watchdog ended `runTest` from inside one of
 *   its own loops, before it could leave.
 * - `TestDispatcher`'s internal constructor: [SchedulerSharingDispatcher], so that `Dispatchers.Main` can be a test
 *   dispatcher whose scheduler is the calling test's.
 * - `unwrapImpl` (`@PublishedApi`, so kept for inlined user code): the exception the code threw, for a copy that
 *   kotlinx's stack-trace recovery (debug mode, on under `-ea`) made of it when it crossed a dispatcher.
 * - `TestCoroutineScheduler`'s private `events`, `lock` and `currentTime`, the private `TestDispatchEvent` and
 *   `TestDispatcher.processEvent`: run one task *chosen* among those due at the same instant, for shuffled schedules
 *   (checked by [checkShuffling] when a shuffled schedule is first used, so that FIFO users never depend on them).
 */
/**
 * A `TestDispatcher` made outside kotlinx-coroutines-test, whose constructor is internal. `Dispatchers.Main` must be
 * one for code under test that creates `StandardTestDispatcher()`/`UnconfinedTestDispatcher()` without a scheduler to
 * share the running test's: kotlinx reads the scheduler of Main's test dispatcher ([MainRouter] answers per test).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public abstract class SchedulerSharingDispatcher : TestDispatcher()

@API(status = API.Status.INTERNAL, since = "0.1")

@ApiStatus.Internal
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

    // ---- failures -----------------------------------------------------------------------------------------------

    /**
     * The exception the code threw, for [failure] or a stack-trace-recovered copy of it. In kotlinx's debug mode
     * (on whenever assertions are, as under Surefire's default `-ea`), an exception that resumes a coroutine on
     * another dispatcher arrives as a copy with the original as its cause and a `_COROUTINE._BOUNDARY` frame; Herder
     * hands back the original, as kotlinx itself does for a job's cancellation cause.
     */
    @JvmStatic
    public fun originalOf(failure: Throwable): Throwable {
        var current = failure
        while (true) {
            val inner = kotlinx.coroutines.internal.unwrapImpl(current)
            if (inner === current) return current
            current = inner
        }
    }

    /**
     * Makes [scope] leave kotlinx's global exception collector if `runTest` did not get to (`TestScopeImpl.leave`):
     * while a finished test stays registered there, uncaught coroutine exceptions of the whole JVM go to it.
     */
    @JvmStatic
    public fun leaveIfEntered(scope: kotlinx.coroutines.test.TestScope) {
        try {
            (scope as kotlinx.coroutines.test.TestScopeImpl).leave()
        } catch (e: IllegalStateException) {
            // it had left already (or never entered): nothing to undo
        }
    }

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

    // ---- dispatcher views -------------------------------------------------------------------------------------------

    /**
     * The dispatcher at the bottom of [dispatcher]'s views: `limitedParallelism(n)` (`LimitedDispatcher`) and, from
     * kotlinx 1.9, named views (`NamedDispatcher`) wrap another dispatcher in their private `dispatcher` field, to any
     * depth (`Dispatchers.IO.limitedParallelism(8).limitedParallelism(2)`). Anything else is its own bottom.
     */
    @JvmStatic
    public fun bottomOf(dispatcher: Any?): Any? {
        var current = dispatcher
        repeat(MAX_VIEWS) {
            val field = current?.let { VIEW_FIELD.get(it.javaClass) } ?: return current
            current = field.get(current)
        }
        return current
    }

    /** `Dispatchers.IO.limitedParallelism(2).limitedParallelism(1)`, for checking [bottomOf] once. */
    @JvmStatic
    public fun viewOfAViewOfIo(): Any = Dispatchers.IO.limitedParallelism(2).limitedParallelism(1)

    /** The `dispatcher` field of kotlinx's view classes; null for every other class. */
    private val VIEW_FIELD = object : ClassValue<java.lang.reflect.Field?>() {
        override fun computeValue(type: Class<*>): java.lang.reflect.Field? =
            if (type.name != LIMITED_DISPATCHER && type.name != NAMED_DISPATCHER) null
            else type.getDeclaredField("dispatcher").apply { isAccessible = true }
    }

    private const val LIMITED_DISPATCHER = "kotlinx.coroutines.internal.LimitedDispatcher"
    private const val NAMED_DISPATCHER = "kotlinx.coroutines.internal.NamedDispatcher"
    private const val MAX_VIEWS = 64

    // ---- what a suspended coroutine waits for (the deadlock verdict) -----------------------------------------------

    /**
     * What [continuation] waits for, as far as kotlinx's own bookkeeping says: the cancellation handler a suspension
     * registers names it. A `Mutex`, `Semaphore` or channel waiter is a slot of one of kotlinx's segment queues; a
     * `select` registers itself; `join`/`await`/`awaitAll` register disposers of completion nodes on the awaited jobs. Anything
     * else (a callback adapter, `CompletionStage.await()`, a `delay` on a real clock, a suspension that registered
     * nothing) is [Wait.Unknown].
     */
    public fun waitOf(continuation: CancellableContinuation<*>): Wait {
        val state = (continuation as? CancellableContinuationImpl<*>)?.state ?: return Wait.Unknown
        return when {
            state is kotlinx.coroutines.internal.Segment<*> ->
                Wait.Primitive(if (state.javaClass.name.startsWith("kotlinx.coroutines.channels.")) "a channel"
                    else "a Mutex or Semaphore")
            // a select may have an onTimeout on a real clock, invisible from here: no verdict
            state.javaClass.name == DISPOSE_ON_CANCEL -> {
                val node = waits.disposeHandle.get(state)
                if (node is JobNode && node.javaClass.name in RESUMERS) Wait.OnJobs(listOf(node.job)) else Wait.Unknown
            }
            state.javaClass.name == AWAIT_ALL_DISPOSER -> {
                val nodes = waits.awaitAllNodes.get(state) as Array<*>
                Wait.OnJobs(nodes.map { (it as JobNode).job })
            }
            else -> Wait.Unknown
        }
    }

    /** What a suspension waits for: see [waitOf]. */
    public sealed class Wait {
        /** A kotlinx primitive only another coroutine can release: [what] it is, for messages. */
        public class Primitive(public val what: String) : Wait()

        /** The completion of [jobs] (`join`, `await`: one; `awaitAll`: each). */
        public class OnJobs(public val jobs: List<Job>) : Wait()

        /** Something Herder cannot see, which may be a real thread or real I/O. */
        public object Unknown : Wait()
    }

    /**
     * The continuation at the root of [continuation]'s frames: the coroutine (an `AbstractCoroutine`) or the completion
     * of a call awaited from Java whose body they are. The frames of a suspended cancellable continuation are found
     * through its `delegate`; DebugProbes' wrapper around a coroutine's completion is looked through.
     */
    public fun rootOf(continuation: Continuation<*>): Any {
        var current: Any = (continuation as? CancellableContinuationImpl<*>)?.delegate ?: continuation
        repeat(MAX_FRAMES) {
            current = when {
                current is DispatchedContinuation<*> -> (current as DispatchedContinuation<*>).continuation
                current is kotlin.coroutines.jvm.internal.BaseContinuationImpl ->
                    (current as kotlin.coroutines.jvm.internal.BaseContinuationImpl).completion ?: return current
                current.javaClass.name == COROUTINE_OWNER -> waits.ownerDelegate.get(current) ?: return current
                else -> return current
            }
        }
        return current
    }

    /**
     * The caller a scope coroutine (`withContext`, `coroutineScope`, `withTimeout`…) resumes when it completes: its
     * caller waits for it. Null for other jobs.
     */
    public fun callerOf(job: Job): Continuation<*>? = (job as? kotlinx.coroutines.internal.ScopeCoroutine<*>)?.uCont

    /**
     * Whether every completion handler on [job] only resumes a coroutine that waits for it (`join`, `await`,
     * `awaitAll`) or is a child's: nothing else — a future's `asDeferred` bridge, a user's `invokeOnCompletion` — hangs
     * on it, so only a coroutine can complete it. False for a job whose handlers Herder cannot read.
     */
    public fun onlyCoroutinesWaitOn(job: Job): Boolean {
        val state = (job as? JobSupport)?.state ?: return false
        val nodes = ArrayList<Any>()
        when (state) {
            is NodeList -> forEachNode(state) { nodes.add(it) }
            is JobNode -> nodes.add(state)
            is Incomplete -> state.list?.let { list -> forEachNode(list) { nodes.add(it) } }
            else -> return false
        }
        return nodes.all { it.javaClass.name in RESUMERS || it.javaClass.name == CHILD_HANDLE || it.javaClass.name == CHILD_CONTINUATION }
    }

    private inline fun forEachNode(list: NodeList, action: (Any) -> Unit) {
        var node = list.next as LockFreeLinkedListNode
        while (node !== list) {
            action(node)
            node = node.nextNode
        }
    }

    /** Whether [job] is a `withTimeout` coroutine: when nothing is due on the test's clock, its timer is a real one. */
    public fun isTimeout(job: Job): Boolean = job.javaClass.name == TIMEOUT_COROUTINE

    /** Whether [job]'s own body has completed and it only waits for its children. */
    public fun isCompleting(job: Job): Boolean {
        val state = (job as? JobSupport)?.state ?: return false
        return state.javaClass.name == FINISHING && waits.finishingIsCompleting.invoke(state) == true
    }

    /** The private members [waitOf] and friends read, found once. */
    private class Waits {
        val disposeHandle = Class.forName(DISPOSE_ON_CANCEL, false, Job::class.java.classLoader)
            .getDeclaredField("handle").apply { isAccessible = true }
        val awaitAllNodes = Class.forName(AWAIT_ALL_DISPOSER, false, Job::class.java.classLoader)
            .getDeclaredField("nodes").apply { isAccessible = true }
        val finishingIsCompleting = Class.forName(FINISHING, false, Job::class.java.classLoader)
            .getDeclaredMethod("isCompleting").apply { isAccessible = true }
        val ownerDelegate: java.lang.reflect.Field by lazy {
            Class.forName(COROUTINE_OWNER, false, Job::class.java.classLoader)
                .getDeclaredField("delegate").apply { isAccessible = true }
        }
    }

    private val waits: Waits by lazy { Waits() }

    private const val DISPOSE_ON_CANCEL = "kotlinx.coroutines.DisposeOnCancel"
    /** The completion nodes that resume a coroutine waiting for a job: join, await, awaitAll. */
    private val RESUMERS = setOf("kotlinx.coroutines.ResumeOnCompletion", "kotlinx.coroutines.ResumeAwaitOnCompletion",
        "kotlinx.coroutines.AwaitAll\$AwaitAllNode")
    private const val CHILD_HANDLE = "kotlinx.coroutines.ChildHandleNode"
    private const val TIMEOUT_COROUTINE = "kotlinx.coroutines.TimeoutCoroutine"
    private const val AWAIT_ALL_DISPOSER = "kotlinx.coroutines.AwaitAll\$DisposeHandlersOnCancel"
    private const val FINISHING = "kotlinx.coroutines.JobSupport\$Finishing"
    private const val COROUTINE_OWNER = "kotlinx.coroutines.debug.internal.DebugProbesImpl\$CoroutineOwner"
    private const val MAX_FRAMES = 10_000

    // ---- delays and probes --------------------------------------------------------------------------------------

    /** kotlinx's real-time [Delay], the one a coroutine without a `Delay` dispatcher uses. */
    @JvmStatic
    public val defaultDelay: Delay get() = kotlinx.coroutines.DefaultDelay

    /** Tells DebugProbes (when installed) that [completion] starts a coroutine; returns the continuation to use. */
    @JvmStatic
    public fun <T> probeCoroutineCreated(completion: Continuation<T>): Continuation<T> =
        kotlin.coroutines.jvm.internal.probeCoroutineCreated(completion)

    // ---- shuffled schedules ----------------------------------------------------------------------------------------

    private class Shuffling {
        val events = field(TestCoroutineScheduler::class.java, "events")
        val lock = field(TestCoroutineScheduler::class.java, "lock")
        val currentTime = field(TestCoroutineScheduler::class.java, "currentTime")
        val eventType: Class<*> = Class.forName("kotlinx.coroutines.test.TestDispatchEvent", false,
            TestCoroutineScheduler::class.java.classLoader)
        val time = field(eventType, "time")
        val count = field(eventType, "count")
        val dispatcher = field(eventType, "dispatcher")
        val marker = field(eventType, "marker")
        val isForeground = field(eventType, "isForeground")
        val heapType: Class<*> = events.type
        val peek = heapType.getMethod("peek")
        val find = heapType.getMethod("find", Function1::class.java)
        val remove = heapType.methods.single { it.name == "remove" && it.parameterCount == 1 }

        private fun field(type: Class<*>, name: String) = type.getDeclaredField(name).apply { isAccessible = true }
    }

    private val shuffling: Shuffling by lazy { Shuffling() }

    /**
     * Runs one task of [scheduler] due at its earliest instant, if that instant is at most [untilTime] and [condition]
     * does not hold: the one [pick] chooses by its index among all tasks due at that instant (kotlinx's markers: the
     * `Runnable`s dispatched, in the order they arrived; FIFO picks 0), asked only when two or more are due together.
     * Advances virtual time to that instant, exactly as `tryRunNextTaskUnless` does. Returns
     * the task that ran (kotlinx's marker: a `Runnable`), or null if none did.
     */
    @JvmStatic
    public fun tryRunChosenTaskUnless(
        scheduler: TestCoroutineScheduler,
        untilTime: Long,
        pick: (List<Any>) -> Int,
        beforeRun: (task: Any, time: Long, dueTogether: Int) -> Unit,
        condition: () -> Boolean,
    ): Any? {
        val s = shuffling
        val heap = s.events.get(scheduler)
        var dueTogether = 1
        val event: Any = synchronized(s.lock.get(scheduler)!!) {
            if (condition()) return null
            val first = s.peek.invoke(heap) ?: return null
            val time = s.time.getLong(first)
            if (time > untilTime) return null
            val due = ArrayList<Any>()
            s.find.invoke(heap, { e: Any? -> if (e != null && s.time.getLong(e) == time) due.add(e); false })
            due.sortBy { s.count.getLong(it) }
            dueTogether = due.size
            val chosen = if (due.size == 1) due[0] else due[pick(due.map { s.marker.get(it)!! })]
            s.remove.invoke(heap, chosen)
            s.currentTime.setLong(scheduler, time)
            chosen
        }
        val marker = s.marker.get(event)!!
        beforeRun(marker, s.time.getLong(event), dueTogether)
        (s.dispatcher.get(event) as TestDispatcher).processEvent(marker)
        return marker
    }

    /** Whether [scheduler] has a task that is not background work (`advanceUntilIdle` runs until it has none). */
    @JvmStatic
    public fun hasForegroundTask(scheduler: TestCoroutineScheduler): Boolean {
        val s = shuffling
        return s.find.invoke(s.events.get(scheduler), { e: Any? -> e != null && s.isForeground.getBoolean(e) }) != null
    }

    /**
     * The coroutine frame a task of a dispatcher resumes, or null if it resumes none (a plain `Runnable`): a
     * `DispatchedContinuation` (a dispatched resume), any other `DispatchedTask` — a `CancellableContinuationImpl`
     * resumed by a `Mutex` or channel hand-off, an `await`'s continuation — through its `delegate`, or a timer's
     * `Runnable` through the continuation it captured.
     */
    @JvmStatic
    public fun continuationOf(task: Any): Continuation<*>? {
        val delegate: Any? = when (task) {
            is DispatchedContinuation<*> -> task
            is kotlinx.coroutines.DispatchedTask<*> -> task.delegate
            else -> capturedContinuation(task)
        }
        return when (delegate) {
            is DispatchedContinuation<*> -> delegate.continuation
            is CancellableContinuationImpl<*> -> continuationOf(delegate)
            is Continuation<*> -> delegate
            else -> null
        }
    }

    /** A continuation a task's class holds in a field (a timer's lambda captures the one it resumes), or null. */
    private fun capturedContinuation(task: Any): Continuation<*>? = CAPTURED.get(task.javaClass)?.get(task) as? Continuation<*>

    private val CAPTURED = object : ClassValue<java.lang.reflect.Field?>() {
        override fun computeValue(type: Class<*>): java.lang.reflect.Field? = type.declaredFields
            .firstOrNull { Continuation::class.java.isAssignableFrom(it.type) }
            ?.apply { isAccessible = true }
    }

    /**
     * The first frame of [continuation] and its callers whose class [skip] does not name, or the innermost frame if
     * every one is skipped; null if it has none. Only that frame's stack trace element is made (reading a frame's
     * element reflects on its class), so a trace can name each step's frame cheaply: a frame's continuation class
     * lies in the package its element names.
     */
    @JvmStatic
    public fun firstFrameFrom(continuation: Continuation<*>, skip: (String) -> Boolean): StackTraceElement? {
        var frame: CoroutineStackFrame? = if (continuation is CancellableContinuationImpl<*>) {
            val delegate = continuation.delegate
            (if (delegate is DispatchedContinuation<*>) delegate.continuation else delegate) as? CoroutineStackFrame
        } else {
            continuation as? CoroutineStackFrame
        }
        val innermost = frame
        var depth = 0
        while (frame != null && depth++ < 32) {
            if (!skip(frame.javaClass.name)) frame.getStackTraceElement()?.let { return it }
            frame = frame.callerFrame
        }
        return innermost?.getStackTraceElement()
    }

    /**
     * Checks, once, that the scheduler internals shuffled schedules use are there and work: two tasks queued at one
     * instant, the second chosen, run first.
     *
     * @throws IllegalStateException naming what is missing and the supported range
     */
    @JvmStatic
    public fun checkShuffling() {
        val problem = shufflingVerdict ?: synchronized(this) {
            shufflingVerdict ?: (shufflingProblem() ?: OK).also { shufflingVerdict = it }
        }
        if (problem !== OK) throw IllegalStateException(problem)
    }

    @Volatile private var shufflingVerdict: String? = null

    private fun shufflingProblem(): String? = try {
        val scheduler = TestCoroutineScheduler()
        val dispatcher = kotlinx.coroutines.test.StandardTestDispatcher(scheduler, "herder-self-test")
        val ran = ArrayList<Int>()
        dispatcher.dispatch(kotlin.coroutines.EmptyCoroutineContext, Runnable { ran.add(1) })
        dispatcher.dispatch(kotlin.coroutines.EmptyCoroutineContext, Runnable { ran.add(2) })
        tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 1 }, { _, _, _ -> }) { false }
        tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { _, _, _ -> }) { false }
        if (ran == listOf(2, 1) && !hasForegroundTask(scheduler)) null
        else unsupported(KotlinxVersion.of("kotlinx-coroutines-test", TestCoroutineScheduler::class.java)
            ?: KotlinxVersion("kotlinx-coroutines-test", "of an unknown version"),
            "its test scheduler did not run the chosen task (ran $ran)")
    } catch (e: Exception) {
        unsupported(KotlinxVersion.of("kotlinx-coroutines-test", TestCoroutineScheduler::class.java)
            ?: KotlinxVersion("kotlinx-coroutines-test", "of an unknown version"),
            "does not have the scheduler internals shuffled schedules rely on ($e)")
    } catch (e: LinkageError) {
        unsupported(KotlinxVersion.of("kotlinx-coroutines-test", TestCoroutineScheduler::class.java)
            ?: KotlinxVersion("kotlinx-coroutines-test", "of an unknown version"),
            "does not have the scheduler internals shuffled schedules rely on ($e)")
    }

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
        if (core != null && test != null && core.isOlderThan(test.version)) {
            // the test artifact is compiled against its own core: an older core lacks what it calls (NoSuchMethodError)
            return BridgeFailures.kotlinxMisaligned(core, test)
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

    private fun unsupported(found: KotlinxVersion, why: String): String = BridgeFailures.kotlinxUnsupported(found, why)

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
        val original = IllegalStateException("herder-self-test")
        val copy = IllegalStateException("herder-self-test", original).apply {
            stackTrace = arrayOf(StackTraceElement("_COROUTINE._BOUNDARY", "_", "CoroutineDebugging.kt", 0))
        }
        val unwrapped = attempt("unwrapImpl") { originalOf(copy) }
        if (unwrapped.getOrNull() !== original) return "kotlinx.coroutines.internal.unwrapImpl (${unwrapped.exceptionOrNull() ?: "kept the copy"})"
        attempt("TestScopeImpl.leave") { leaveIfEntered(kotlinx.coroutines.test.TestScope()) }
            .exceptionOrNull()?.let { return "kotlinx.coroutines.test.TestScopeImpl.leave ($it)" }
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
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
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
