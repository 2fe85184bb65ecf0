package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.DispatcherInternals
import dev.herder.bridge.kotlinx.JobInternals
import dev.herder.bridge.kotlinx.SchedulerInternals
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.UnconfinedTestDispatcher
import kotlinx.coroutines.test.runTest
import java.util.function.Consumer
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.createCoroutineUnintercepted
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.intercepted
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume
import kotlin.time.Duration

/**
 * One coroutine test in progress: a kotlinx-coroutines-test `runTest` whose body is the Java test body.
 *
 * Job tree: the `TestScope` (runTest's body coroutine) ← [userJob] (everything the Java body starts, and the context
 * of awaited calls) ← a supervisor for `future(...)` coroutines (their failures belong to the future, not the test).
 * When the Java body returns, [finishBody] completes [userJob] and drives the loop until everything under it is done,
 * under the same wall-clock deadline as the rest of the test; `runTest` then does its own checks.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class TestRun private constructor(
    /** The kotlinx `TestScope` the test runs in. */
    public val testScope: TestScope,
    /** The dispatcher awaited calls and started coroutines run on; `null` means the test dispatcher. */
    private val callDispatcher: CoroutineDispatcher?,
    private val route: MainRoute,
    private val deadline: TestDeadline,
    onDeadlock: ((TestRun, List<StuckCoroutine>) -> Throwable)?,
    /** The choices of a shuffled schedule, or null for kotlinx's own order. */
    public val shuffle: ScheduleChoices?,
) {
    public val scheduler: TestCoroutineScheduler = testScope.testScheduler
    public val testJob: Job = testScope.coroutineContext[Job]!!
    public val userJob: CompletableJob = Job(testJob)
    private val futureJob: CompletableJob = SupervisorJob(userJob)
    private val userContext: CoroutineContext = withCallDispatcher(testScope.coroutineContext + userJob)
    private val awaitContext: CoroutineContext = userContext + CoroutineNames.AWAIT
    private val futureContext: CoroutineContext = userContext + futureJob
    public val loop: SchedulerPump = SchedulerPump(scheduler, deadline.nanos, { deadline.expired(this) },
        onDeadlock?.let { verdict ->
            { bodyWait: Signal -> DurableBlocking.waiters(this, route, bodyWait)?.let { verdict(this, it) } }
        }, shuffle)

    /** The dispatcher code under test should use: the chosen real dispatcher, or the test dispatcher. */
    public val dispatcher: CoroutineDispatcher =
        callDispatcher ?: (testScope.coroutineContext[kotlin.coroutines.ContinuationInterceptor] as CoroutineDispatcher)

    /** The scheduler a flow probe's unconfined collector runs on: the test's, or none on a real dispatcher. */
    public val probeScheduler: TestCoroutineScheduler? get() = if (callDispatcher == null) scheduler else null

    /** Coroutines started here belong to the test and are waited for at its end. */
    public val coroutineScope: CoroutineScope = CoroutineScope(userContext)

    /** As [TestScope.backgroundScope], on the chosen dispatcher: cancelled, not waited for, at the end. */
    public val backgroundScope: CoroutineScope =
        if (callDispatcher == null) testScope.backgroundScope
        else CoroutineScope(testScope.backgroundScope.coroutineContext + callDispatcher)

    private fun withCallDispatcher(context: CoroutineContext) =
        if (callDispatcher == null) context else context + callDispatcher

    /**
     * Runs [block] as a call of the test body and drives the loop until it completes; returns its value or
     * throws its exception object unchanged. On a test dispatcher the call starts at once on this thread, exactly
     * as a direct call inside `runTest` would; on a real dispatcher it is dispatched there.
     */
    public fun await(block: SuspendBlock): Any? {
        val completion = CallCompletion(awaitContext)
        // The call runs in a coroutine frame of its own, as a call in runTest's body does (FramedCall): the
        // continuation it gets is a real coroutine continuation, so yield() and whatever checks isDispatchNeeded
        // dispatch through the test's dispatcher (queued coroutines run first), and a call that completes twice is
        // reported as the caller's bug. On a test dispatcher it starts at once on this thread.
        val call = FramedCall(block)
        call.target = DispatcherInternals.probeCoroutineCreated(completion)
        if (callDispatcher != null && callDispatcher.isDispatchNeeded(awaitContext)) {
            callDispatcher.dispatch(awaitContext, Runnable { call.start() })
        } else {
            call.start()
        }
        if (completion.isDone) return completion.valueOrThrow()
        try {
            loop.driveUntil(completion)
        } catch (e: Throwable) {
            // the wait was given up (the deadline passed): the call is cancelled with the test, and whatever it then
            // throws (a finally block's failure) is the test's, not lost with this wait
            completion.abandon(deadline::abandoned)
            throw e
        }
        return completion.valueOrThrow()
    }

    /**
     * Starts [block] as a fire-and-forget coroutine of the test: its failure fails the test; [ended] hears how it
     * ended (the future Java holds). [name], if given, names it in traces and dumps (an explored schedule names each
     * by where Java launched it).
     */
    public fun launch(block: SuspendBlock, name: String?, ended: JobInternals.EndListener): Job =
        JobInternals.launchReporting(coroutineScope, named(name), ended) { block.invokeSuspending() }

    /** Starts [block] as a coroutine whose failure belongs to the returned deferred, not to the test; [name] as in [launch]. */
    @JvmOverloads
    public fun async(block: SuspendBlock, name: String? = null): Deferred<Any?> =
        CoroutineScope(futureContext).async(named(name), CoroutineStart.DEFAULT) { block.invokeSuspending() }

    private fun named(name: String?): CoroutineContext =
        if (name == null) kotlin.coroutines.EmptyCoroutineContext else CoroutineName(name)

    /**
     * Runs [task] on the test's dispatcher after [delayMillis] of its clock, as a coroutine whose failure belongs to
     * the returned deferred (a scheduled executor's one-shot task).
     */
    public fun schedule(name: String, delayMillis: Long, task: Runnable): Deferred<Any?> =
        CoroutineScope(futureContext + CoroutineName(name)).async {
            delay(delayMillis)
            task.run()
            null
        }

    /**
     * Runs [task] after [initialMillis], then every [periodMillis]: at a fixed rate (from each start) or with a fixed
     * delay (from each end). The deferred fails with the first exception of [task]; it never completes otherwise.
     */
    public fun schedulePeriodic(name: String, initialMillis: Long, periodMillis: Long, fixedRate: Boolean, task: Runnable): Deferred<Any?> =
        CoroutineScope(futureContext + CoroutineName(name)).async {
            delay(initialMillis)
            var nextStart = scheduler.currentTime
            while (true) {
                task.run()
                nextStart = if (fixedRate) nextStart + periodMillis else scheduler.currentTime + periodMillis
                delay((nextStart - scheduler.currentTime).coerceAtLeast(0))
            }
            @Suppress("UNREACHABLE_CODE")
            null
        }

    /** Runs [task] on the test's dispatcher as soon as the loop runs; its failure fails the test. */
    public fun execute(name: String, task: Runnable): Job =
        CoroutineScope(userContext + CoroutineName(name)).launch { task.run() }

    /** Drives the loop until everything the test started has completed (runTest's end-of-test wait). */
    public fun finishBody() {
        futureJob.complete()
        userJob.complete()
        val finished = Signal()
        userJob.invokeOnCompletion { finished.fire() }
        loop.driveUntil(finished)
        route.close()
    }

    /** What [userJob] completed with: its root cause (a child's failure, or the cancellation it was cancelled with). */
    @Volatile private var userJobEndedBy: Throwable? = null

    init {
        userJob.invokeOnCompletion { userJobEndedBy = it }
    }

    /**
     * The cancellation that cancelled the test's own scope (its job) while nothing had failed — the test called
     * `cancel()` on it, with or without a cancellation of its own, whatever that cancellation's cause — or null.
     * `runTest` fails a test whose scope is cancelled; a failure of a coroutine in it fails the test by itself (the
     * job's root cause is then that failure, not a cancellation), and is not reported here.
     */
    public fun scopeCancellation(): java.util.concurrent.CancellationException? =
        if (userJob.isCancelled) userJobEndedBy as? java.util.concurrent.CancellationException else null

    /**
     * Queues [task] on the test's scheduler at the current virtual instant, from any thread: it runs on the test
     * thread the next time the loop runs a task (inside kotlinx's own loops too), seeing a consistent job tree.
     */
    public fun runOnTestLoop(task: Runnable) {
        val testDispatcher = testScope.coroutineContext[kotlin.coroutines.ContinuationInterceptor] as CoroutineDispatcher
        testDispatcher.dispatch(testScope.coroutineContext, task)
    }

    /** A new hand-over of the test thread's role to the threads it starts (see [HandOver]); closed until started. */
    public fun handOver(): HandOver = HandOver(route, testJob)

    /** Cancels the whole test from any thread (the watchdog's last resort after the deadline). */
    public fun cancelTest(message: String) {
        testJob.cancel(kotlinx.coroutines.CancellationException(message))
    }

    /** The threads running coroutines of this test right now. */
    public val threads: TestThreads = route.threads

    /**
     * The coroutines of this test still running: where each is suspended, or the thread it runs on and that
     * thread's stack. The test body itself (the root) is not among them: see [bodyThread].
     */
    public fun stuckCoroutines(): List<StuckCoroutine> = CoroutineDumps.stuckUnder(testJob, threads.runningUnder(testJob))

    /**
     * Leaves kotlinx's global exception collector if `runTest` could not (a task of the watchdog's ended one of its
     * loops by throwing): from then on, uncaught coroutine exceptions outside tests reach their handlers again.
     */
    public fun leaveExceptionCollector() {
        SchedulerInternals.leaveIfEntered(testScope)
    }

    public companion object {
        /**
         * Runs [body] as the body of `runTest` on the calling thread; with [virtualDispatchers], the test's work on
         * `Dispatchers.IO`/`Default` runs on the test's scheduler (see [MainRoute.virtualDispatcher]), and a test
         * whose coroutines are all durably blocked ([DurableBlocking]) with nothing due fails with what [onDeadlock]
         * makes of the waiters; meanwhile `Dispatchers.Main` is the test's
         * dispatcher (through [MainRouter], so concurrent tests each see their own). Throws the first failure of the
         * test unchanged. Returns where coroutines of scopes the test never closed were still waiting on Main's clock
         * after the test (see [MainRouter.resumeAfterDelay]); empty when none were.
         */
        @JvmStatic
        public fun run(
            testName: String,
            unconfined: Boolean,
            callDispatcher: CoroutineDispatcher?,
            deadline: TestDeadline,
            virtualDispatchers: Boolean,
            shuffle: ScheduleChoices?,
            jitter: DelayJitter?,
            onDeadlock: (TestRun, List<StuckCoroutine>) -> Throwable,
            body: Consumer<TestRun>,
        ): List<List<StackTraceElement>> {
            val scheduler = TestCoroutineScheduler()
            val plain: TestDispatcher =
                if (unconfined) UnconfinedTestDispatcher(scheduler, "herder-test")
                else StandardTestDispatcher(scheduler, "herder-test")
            val testDispatcher = jitter?.around(plain) ?: plain
            val virtual = if (!virtualDispatchers) null
                else StandardTestDispatcher(scheduler, "herder-virtual-io-default").let { jitter?.around(it) ?: it }
            val route = MainRoute(callDispatcher ?: testDispatcher, testName, virtual)
            MainRouter.enter(route)
            try {
                MainRouter.onThread(route) {
                    // runTest gets no timeout of its own: Herder's deadline (its own waits, and the watchdog behind the
                    // loops it does not own) ends the test. A finite timeout would cost every test a timer on kotlinx's
                    // shared delay thread, and waking that thread to take it was the largest share of an empty test's
                    // time (benchmarks/README); an infinite timeout schedules no timer.
                    TestScope(testDispatcher + route).runTest(Duration.INFINITE) {
                        body.accept(TestRun(this, callDispatcher, route, deadline,
                            if (virtualDispatchers) onDeadlock else null, shuffle))
                    }
                }
            } finally {
                route.end()
                MainRouter.leave(route)
            }
            return route.leakedFrames()
        }
    }
}
