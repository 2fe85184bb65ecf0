package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.DispatcherInternals
import dev.herder.bridge.kotlinx.SchedulerSharingDispatcher
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.ThreadContextElement
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestDispatcher
import kotlinx.coroutines.test.resetMain
import kotlinx.coroutines.test.setMain
import java.util.concurrent.ConcurrentHashMap
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Tells [MainRouter] — and, with virtual dispatchers, Herder's `Dispatchers.IO`/`Default` hooks — which test a
 * coroutine belongs to: it is in the context of every coroutine of a Herder test. As a [ThreadContextElement] it also
 * keeps the test's [threads]: which threads run one of its coroutines right now.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class MainRoute(
    /** What `Dispatchers.Main` means for this test: its test dispatcher, or the real one it runs on. */
    public val dispatcher: CoroutineDispatcher,
    private val testName: String,
    /**
     * Where this test's work on `Dispatchers.IO`/`Default` goes while the test runs: a dispatcher on the test's
     * scheduler (virtual dispatchers), or null for the real ones.
     */
    public val virtualDispatcher: CoroutineDispatcher? = null,
) : AbstractCoroutineContextElement(Key), ThreadContextElement<CoroutineContext?> {
    public companion object Key : CoroutineContext.Key<MainRoute> {
        /** How many Main timers a test's leftover coroutines may still run out on virtual time after its own work. */
        public const val MAX_TIMERS_AFTER_TEST: Int = 1_000
    }

    @Volatile private var closed = false
    @Volatile private var ended = false

    /** The threads running a coroutine of this test right now. */
    public val threads: TestThreads = TestThreads()

    override fun updateThreadContext(context: CoroutineContext): CoroutineContext? = threads.enter(context)

    override fun restoreThreadContext(context: CoroutineContext, oldState: CoroutineContext?) {
        threads.leave(oldState)
    }

    /**
     * Jobs of coroutines built outside the test's scope (a view model's `CoroutineScope(Dispatchers.Main)`) that were
     * first routed here by the test thread: their descendants belong to this test on any thread (an IO hop and back).
     */
    private val adopted: MutableSet<Job> = ConcurrentHashMap.newKeySet()

    internal fun adopt(job: Job) {
        if (!ended) adopted.add(job)
    }

    /**
     * Jobs of coroutines built outside the test's scope whose work ran on this test's virtual `Dispatchers.IO` or
     * `Default` (a repository's own `CoroutineScope(Dispatchers.IO)`): with [adopted], the coroutines the deadlock
     * verdict looks at besides the test's own.
     */
    private val guests: MutableSet<Job> = ConcurrentHashMap.newKeySet()

    /** A coroutine of a scope built outside the test dispatched work to this test's virtual dispatchers. */
    public fun guest(job: Job?) {
        if (job != null && !ended && !job.isCompleted) guests.add(job)
    }

    /** The live coroutines of scopes built outside the test that ran on its dispatchers. */
    internal fun guests(): List<Job> = (adopted + guests).filter { !it.isCompleted }

    /** Whether [job] is, or descends from, a job this test adopted. */
    internal fun owns(job: Job): Boolean {
        if (adopted.isEmpty()) return false
        var current: Job? = job
        var depth = 0
        while (current != null && depth++ < MAX_ANCESTORS) {
            if (current in adopted) return true
            current = current.parent
        }
        return false
    }
    private val leaks = java.util.concurrent.ConcurrentLinkedQueue<List<StackTraceElement>>()

    /**
     * Called once the test's own coroutines are done. Main timers asked for after this are still run out on virtual
     * time, as `runTest`'s final advance does — a view model's `stateIn(…, WhileSubscribed(5000), …)` stops sharing
     * 5 s after its last subscriber left — up to [MAX_TIMERS_AFTER_TEST] of them: a coroutine still asking for more
     * would never end (a ticker in a scope the test never closed), and is a leak.
     */
    public fun close() {
        closed = true
    }

    private val timersAfterClose = java.util.concurrent.atomic.AtomicInteger()

    /** Whether a Main timer asked for now runs: always while the test runs, within the budget after it. */
    internal fun mayRunTimer(): Boolean = !closed || timersAfterClose.incrementAndGet() <= MAX_TIMERS_AFTER_TEST

    /** Called when the test is over, timed out or not: from then on its work goes to the real dispatchers again. */
    public fun end() {
        ended = true
        adopted.clear()
        guests.clear()
    }

    /** Whether the test still runs, so its virtual dispatcher is still driven. */
    public val isRunning: Boolean get() = !ended

    internal fun leaked(frames: List<StackTraceElement>) {
        leaks.add(frames)
    }

    /** Where each coroutine that still wanted Main's clock after the test waited (innermost frame first). */
    public fun leakedFrames(): List<List<StackTraceElement>> = leaks.toList()

    override fun toString(): String = "MainRoute($testName -> $dispatcher)"
}

/** How far up a job's parents the router looks for an adopted job. */
private const val MAX_ANCESTORS = 64

/**
 * `Dispatchers.Main` while Herder tests run: one dispatcher that sends each coroutine to the Main of *its own* test.
 *
 * kotlinx's `Dispatchers.setMain` is one global slot, and setting it while another test's coroutine uses Main throws
 * "Dispatchers.Main is used concurrently with setting it". So Herder sets Main once, when the first of any number of
 * concurrent tests starts, to this router, and resets it when the last one ends. A dispatch finds its test from the
 * coroutine's [MainRoute], else from the thread (the test thread, or a task this router dispatched), else — when a
 * single test runs — that test.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object MainRouter : SchedulerSharingDispatcher() {
    private val routes: MutableSet<MainRoute> = ConcurrentHashMap.newKeySet()
    private val onThread = ThreadLocal<MainRoute?>()
    private var running = 0

    /** Registers [route] as a running test; the first test installs this router as `Dispatchers.Main`. */
    @JvmStatic
    public fun enter(route: MainRoute) {
        synchronized(this) {
            if (running++ == 0) Dispatchers.setMain(this)
            routes.add(route)
        }
    }

    /** Unregisters [route]; the last test to leave resets `Dispatchers.Main` to what it was. */
    @JvmStatic
    public fun leave(route: MainRoute) {
        synchronized(this) {
            routes.remove(route)
            if (--running == 0) Dispatchers.resetMain()
        }
    }

    /** Runs [block] with [route] as this thread's test (the test body runs so). */
    @JvmStatic
    public fun <T> onThread(route: MainRoute, block: () -> T): T {
        val previous = onThread.get()
        onThread.set(route)
        try {
            return block()
        } finally {
            onThread.set(previous)
        }
    }

    /** The test whose thread (the test thread, or a task this router dispatched) this is, or null. */
    @JvmStatic
    public fun threadRoute(): MainRoute? = onThread.get()

    /**
     * The test a Main dispatch belongs to: the route in the coroutine's context; else the thread's test (the test
     * thread, or a task this router dispatched), which then adopts the coroutine's job so that its descendants are
     * found on other threads too; else the test that adopted an ancestor job; else the test whose thread lent its role
     * to this one (a [HandOver]), which adopts the job likewise; else, when one test runs, that test.
     */
    private fun routeFor(context: CoroutineContext): MainRoute =
        context[MainRoute] ?: onThread.get()?.also { route -> context[Job]?.let(route::adopt) }
            ?: context[Job]?.let { job -> routes.firstOrNull { it.owns(job) } }
            ?: HandOver.routeOfCurrentThread()?.also { route -> context[Job]?.let(route::adopt) }
            ?: routes.singleOrNull() ?: throw BridgeFailures.mainOfNoTest(routes.size)

    /**
     * The scheduler of the calling test (the test thread, or a task this router dispatched; else the only test
     * running): what code under test gets when it creates `StandardTestDispatcher()` without one, as in `runTest`.
     * Outside any test, a fresh scheduler — what kotlinx gives without a test `Dispatchers.Main`.
     */
    override val scheduler: TestCoroutineScheduler
        get() = ((onThread.get() ?: HandOver.routeOfCurrentThread() ?: routes.singleOrNull())?.dispatcher as? TestDispatcher)?.scheduler
            ?: TestCoroutineScheduler()

    override fun isDispatchNeeded(context: CoroutineContext): Boolean =
        routeFor(context).dispatcher.isDispatchNeeded(context)

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        val route = routeFor(context)
        route.dispatcher.dispatch(context, Routed(route, block))
    }

    /**
     * A delay on Main. After its test's own coroutines are done, a coroutine asking for Main's clock lives in a scope
     * the test never closed (a view model's `viewModelScope`): its timers are still run out on virtual time, as under
     * `runTest`, up to [MainRoute.MAX_TIMERS_AFTER_TEST]; one that asks for more would never end, and is recorded as a leak and
     * not scheduled, so an endless ticker cannot keep the finished test's scheduler busy forever.
     */
    override fun resumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) {
        val route = routeFor(continuation.context)
        if (!route.mayRunTimer()) {
            route.leaked(SuspensionPoints.framesOf(continuation))
            return
        }
        DispatcherInternals.delayOn(route.dispatcher, timeMillis, continuation)   // its test's clock, else a real one
    }

    override fun runAfterTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle {
        val route = routeFor(context)
        if (!route.mayRunTimer()) {
            route.leaked(emptyList())
            return DisposableHandle { }
        }
        return DispatcherInternals.timeoutOn(route.dispatcher, timeMillis, block, context)
    }

    override fun toString(): String = "Dispatchers.Main (Herder: each test's own Main)"

    /** A task dispatched through the router, as a schedule's trace sees it. */
    public interface RoutedTask {
        /** The task itself. */
        public val block: Runnable
    }

    /** A task dispatched through the router: while it runs, its thread knows its test. */
    private class Routed(private val route: MainRoute, override val block: Runnable) : Runnable, RoutedTask {
        override fun run() {
            onThread(route) { block.run() }
        }
    }
}
