@file:Suppress("INVISIBLE_REFERENCE", "INVISIBLE_MEMBER", "DEPRECATION_ERROR", "DEPRECATION")
@file:OptIn(InternalCoroutinesApi::class, ExperimentalCoroutinesApi::class)

package dev.herder.bridge.kotlinx

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.AbstractCoroutine
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CancellableContinuationImpl
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Incomplete
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.JobNode
import kotlinx.coroutines.JobSupport
import kotlinx.coroutines.NodeList
import kotlinx.coroutines.newCoroutineContext
import kotlinx.coroutines.internal.DispatchedContinuation
import kotlinx.coroutines.internal.LockFreeLinkedListNode
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.jvm.internal.CoroutineStackFrame
import kotlin.coroutines.startCoroutine

/**
 * What kotlinx's jobs and a suspended coroutine's frames say, read from kotlinx's internals (and kotlin-stdlib's
 * `BaseContinuationImpl`): where a coroutine is suspended and what it waits for (timeout dumps and the deadlock verdict,
 * without kotlinx-coroutines-debug), which coroutine a task resumes (schedule traces), and how kotlinx's own exceptions
 * are told apart from the code's. Pinned by `JobInternalsContractTest`.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object JobInternals {
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
     * Whether [cause] is the `CancellationException` kotlinx makes for a job cancelled without a cause of its own
     * (`job.cancel()`, a parent's cancellation): not one the code threw, nor `withTimeout`'s, nor one passed to `cancel`.
     */
    @JvmStatic
    public fun isJobCancellation(cause: Throwable): Boolean = cause.javaClass.name == JOB_CANCELLATION

    /**
     * Whether [failure] is kotlinx refusing to give the completion exception of a job that has not completed
     * (`getCompletionExceptionOrNull`'s `IllegalStateException`, recognised by its top frame): what `runTest` throws
     * when its clean-up loop was ended early while a coroutine of the test scope could not be cancelled.
     */
    @JvmStatic
    public fun isAskedForTheOutcomeOfAnUnfinishedJob(failure: Throwable): Boolean {
        val trace = failure.stackTrace
        return failure is IllegalStateException && trace.isNotEmpty()
            && trace[0].className == JOB_SUPPORT && trace[0].methodName == "getCompletionExceptionOrNull"
    }

    /**
     * Hands [failure] to where kotlinx sends an uncaught exception of [job]'s coroutine: its context's
     * `CoroutineExceptionHandler`, else the thread's uncaught-exception handler. A job that is not a coroutine has no
     * context: the thread's handler gets it.
     */
    @JvmStatic
    public fun handleUncaught(job: Job?, failure: Throwable) {
        kotlinx.coroutines.handleCoroutineException(contextOf(job) ?: EmptyCoroutineContext, failure)
    }

    // ---- coroutines -----------------------------------------------------------------------------------------------

    /** Whether [job] is a coroutine's (an `AbstractCoroutine`: launch, async, withContext…), not a bare `Job()`. */
    @JvmStatic
    public fun isCoroutine(job: Job?): Boolean = job is AbstractCoroutine<*>

    /** The context of [job]'s coroutine, or null if [job] is not a coroutine's. */
    @JvmStatic
    public fun contextOf(job: Job?): CoroutineContext? = (job as? AbstractCoroutine<*>)?.context

    /** How a coroutine started by [launchReporting] ended: `null` when it completed normally, else its final exception. */
    public fun interface EndListener {
        public fun ended(cause: Throwable?)
    }

    /**
     * Starts [block] in [scope] with [context] added, exactly as `scope.launch(context) { block() }` does — a failure
     * cancels the parent, or goes to the context's exception handler when no parent takes it — and has the coroutine
     * itself tell [listener] how it ended, as kotlinx's own `future { }` builder completes its future (from
     * `AbstractCoroutine.onCompleted`/`onCancelled`, as the job completes: on kotlinx's fast path just after its state
     * becomes final, on its slow path just before). A completion handler
     * (`invokeOnCompletion`) does the same but costs every launch a node on its job and kotlinx's slow completion path
     * (a job with two nodes at once: the handler and a suspended continuation's), about a sixth of a launch from Java.
     */
    @JvmStatic
    public fun launchReporting(scope: CoroutineScope, context: CoroutineContext, listener: EndListener,
                               block: suspend CoroutineScope.() -> Unit): Job {
        val coroutine = StandaloneCoroutine(scope.newCoroutineContext(context), listener)
        coroutine.start(CoroutineStart.DEFAULT, coroutine, block)
        return coroutine
    }

    /**
     * `launch`'s coroutine, as kotlinx's own `StandaloneCoroutine`, that tells its listener how it ended; named like
     * kotlinx's so that dumps and verdicts name an unnamed launch from Java as they name one from Kotlin.
     */
    private class StandaloneCoroutine(parentContext: CoroutineContext, private val listener: EndListener) :
        AbstractCoroutine<Unit>(parentContext, initParentJob = true, active = true) {
        override fun handleJobException(exception: Throwable): Boolean {
            kotlinx.coroutines.handleCoroutineException(context, exception)
            return true
        }

        override fun onCompleted(value: Unit) = listener.ended(null)

        override fun onCancelled(cause: Throwable, handled: Boolean) = listener.ended(cause)
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

    /**
     * Whether [frame] of a thread's stack is kotlin-stdlib's resumption of a coroutine (`BaseContinuationImpl.resumeWith`):
     * the frames above it are the coroutine's the thread runs.
     */
    @JvmStatic
    public fun isResumption(frame: StackTraceElement): Boolean =
        frame.className == BASE_CONTINUATION && frame.methodName == "resumeWith"

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

    // ---- which coroutine a task resumes (schedule traces) ---------------------------------------------------------

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

    // ---- the self-test ----------------------------------------------------------------------------------------------

    /** Exercises the job internals once; names the first that is missing or misbehaves, or null. */
    internal fun selfTest(): String? {
        val job = Job()
        var suspended: CancellableContinuation<Unit>? = null
        val waiter: suspend () -> Unit = {
            suspendCancellableCoroutine<Unit> { suspended = it }
        }
        try {
            waiter.startCoroutine(Continuation(job + Dispatchers.Unconfined) {})
            val found = attempt { cancellableSuspensionsOf(job) }
            if (found.isFailure || found.getOrNull() != listOfNotNull(suspended)) {
                return "JobSupport.state / ChildContinuation (${found.exceptionOrNull() ?: "found ${found.getOrNull()}"})"
            }
            val frames = attempt { framesOf(suspended!!) }
            if (frames.isFailure) return "CancellableContinuationImpl.delegate (${frames.exceptionOrNull()})"
        } finally {
            job.cancel(null)
        }
        val original = IllegalStateException("herder-self-test")
        val copy = IllegalStateException("herder-self-test", original).apply {
            stackTrace = arrayOf(StackTraceElement("_COROUTINE._BOUNDARY", "_", "CoroutineDebugging.kt", 0))
        }
        val unwrapped = attempt { originalOf(copy) }
        if (unwrapped.getOrNull() !== original) return "kotlinx.coroutines.internal.unwrapImpl (${unwrapped.exceptionOrNull() ?: "kept the copy"})"
        return null
    }

    private const val JOB_SUPPORT = "kotlinx.coroutines.JobSupport"
    private const val JOB_CANCELLATION = "kotlinx.coroutines.JobCancellationException"
    private const val CHILD_CONTINUATION = "kotlinx.coroutines.ChildContinuation"
    private const val DISPOSE_ON_CANCEL = "kotlinx.coroutines.DisposeOnCancel"
    /** The completion nodes that resume a coroutine waiting for a job: join, await, awaitAll. */
    private val RESUMERS = setOf("kotlinx.coroutines.ResumeOnCompletion", "kotlinx.coroutines.ResumeAwaitOnCompletion",
        "kotlinx.coroutines.AwaitAll\$AwaitAllNode")
    private const val CHILD_HANDLE = "kotlinx.coroutines.ChildHandleNode"
    private const val TIMEOUT_COROUTINE = "kotlinx.coroutines.TimeoutCoroutine"
    private const val AWAIT_ALL_DISPOSER = "kotlinx.coroutines.AwaitAll\$DisposeHandlersOnCancel"
    private const val FINISHING = "kotlinx.coroutines.JobSupport\$Finishing"
    private const val COROUTINE_OWNER = "kotlinx.coroutines.debug.internal.DebugProbesImpl\$CoroutineOwner"
    private const val BASE_CONTINUATION = "kotlin.coroutines.jvm.internal.BaseContinuationImpl"
    private const val MAX_FRAMES = 10_000
}
