package dev.herder.bridge.kotlinx

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestDispatcher
import kotlinx.coroutines.test.resetMain
import kotlinx.coroutines.test.setMain
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext

/**
 * Pins, on the kotlinx-coroutines this JVM runs (CI runs it on every supported version), exactly the behaviour Herder
 * relies on from each dispatcher internal that [DispatcherInternals] and [SchedulerSharingDispatcher] wrap or name —
 * among them the classes, methods and field herder-core's virtual dispatchers hook. A failure here means a kotlinx
 * release changed an internal: adapt [DispatcherInternals] (and its self-test) before anything else.
 */
class DispatcherInternalsContractTest {
    private val jobs = Jobs()

    @AfterEach
    fun cancelEverything() = jobs.cancelAll()

    private fun job(): Job = jobs.job()

    private fun declares(type: String, method: String, parameters: Int): Boolean =
        Class.forName(type).declaredMethods.any { it.name == method && it.parameterCount == parameters }

    @Test
    fun theHookedClassesDeclareTheMethodsTheHooksAreInstalledOn() {
        for (type in listOf(DispatcherInternals.IO_CLASS, DispatcherInternals.DEFAULT_CLASS, DispatcherInternals.VIEW_CLASS)) {
            assertThat(declares(type, DispatcherInternals.DISPATCH, 2)).`as`("$type.dispatch").isTrue()
            assertThat(declares(type, DispatcherInternals.DISPATCH_YIELD, 2)).`as`("$type.dispatchYield").isTrue()
        }
        assertThat(declares(DispatcherInternals.EVENT_LOOP_CLASS, DispatcherInternals.DELAY, 2)).isTrue()
        assertThat(declares(DispatcherInternals.DEFAULT_EXECUTOR_CLASS, DispatcherInternals.TIMEOUT, 3)).isTrue()
    }

    @Test
    fun ioDefaultAndTheirViewsAreInstancesOfTheHookedClasses() {
        assertThat(Class.forName(DispatcherInternals.IO_CLASS).isInstance(Dispatchers.IO)).isTrue()
        assertThat(Class.forName(DispatcherInternals.DEFAULT_CLASS).isInstance(Dispatchers.Default)).isTrue()
        val view = Class.forName(DispatcherInternals.VIEW_CLASS)
        assertThat(view.isInstance(Dispatchers.IO.limitedParallelism(2))).isTrue()
        // 1: a view of Default as wide as its core pool is Default itself (kotlinx 1.9+), on a 2-core machine already at 2
        assertThat(view.isInstance(Dispatchers.Default.limitedParallelism(1))).isTrue()
        assertThat(CoroutineDispatcher::class.java.isAssignableFrom(view.getDeclaredField(DispatcherInternals.VIEW_FIELD).type))
            .isTrue()
    }

    @Test
    fun theDefaultExecutorTheHooksSeeIsTheDefaultClockAndAnEventLoop() {
        val executor = Class.forName(DispatcherInternals.DEFAULT_EXECUTOR_CLASS).getField("INSTANCE").get(null)
        assertThat(DispatcherInternals.isDefaultClock(executor)).isTrue()
        assertThat(Class.forName(DispatcherInternals.EVENT_LOOP_CLASS).isInstance(executor)).isTrue()
        assertThat(DispatcherInternals.isDefaultClock(StandardTestDispatcher())).isFalse()
        assertThat(DispatcherInternals.isDefaultClock(null)).isFalse()
    }

    @Test
    fun theBottomOfAViewOfAViewIsTheDispatcherItWraps() {
        val io = Dispatchers.IO.limitedParallelism(8)
        assertThat(DispatcherInternals.bottomOf(io.limitedParallelism(2))).isSameAs(DispatcherInternals.bottomOf(io))
        assertThat(DispatcherInternals.bottomOf(Dispatchers.Default.limitedParallelism(4).limitedParallelism(1)))
            .isSameAs(Dispatchers.Default)
        assertThat(DispatcherInternals.bottomOf(Dispatchers.Default)).isSameAs(Dispatchers.Default)
        assertThat(DispatcherInternals.bottomOf(null)).isNull()
    }

    @Test
    fun theBottomOfAViewOfIoIsTheUnlimitedIoScheduler() {
        assertThat(DispatcherInternals.isUnlimitedIo(DispatcherInternals.bottomOf(Dispatchers.IO.limitedParallelism(2)))).isTrue()
        assertThat(DispatcherInternals.isUnlimitedIo(DispatcherInternals.bottomOf(DispatcherInternals.viewOfAViewOfIo()))).isTrue()
        assertThat(DispatcherInternals.isUnlimitedIo(Dispatchers.IO)).isFalse()
        assertThat(DispatcherInternals.isUnlimitedIo(Dispatchers.Default)).isFalse()
        assertThat(DispatcherInternals.isUnlimitedIo(null)).isFalse()
    }

    @Test
    fun aDelayOnATestDispatcherRunsOnItsVirtualClock() {
        val scheduler = TestCoroutineScheduler()
        val dispatcher = StandardTestDispatcher(scheduler)
        var resumedAt = -1L
        CoroutineScope(dispatcher + job()).launch {
            suspendCancellableCoroutine<Unit> { DispatcherInternals.delayOn(dispatcher, 10, it) }
            resumedAt = scheduler.currentTime
        }
        scheduler.advanceUntilIdle()
        assertThat(resumedAt).isEqualTo(10)
    }

    @Test
    fun aTimeoutOffATestDispatcherRunsOnRealTimeOnAnotherThread() {
        val ran = CountDownLatch(1)
        val caller = Thread.currentThread()
        var runner: Thread? = null
        val started = System.nanoTime()
        DispatcherInternals.timeoutOn(Dispatchers.Unconfined, 20, Runnable { runner = Thread.currentThread(); ran.countDown() },
            EmptyCoroutineContext)
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue()
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(20)
        assertThat(runner).isNotSameAs(caller)
    }

    /** A [SchedulerSharingDispatcher] as `MainRouter` and `DelayJitter` make them: on another test dispatcher. */
    private class Recording(private val inner: TestDispatcher) : SchedulerSharingDispatcher() {
        val asked = ArrayList<String>()
        override val scheduler: TestCoroutineScheduler get() = inner.scheduler
        override fun dispatch(context: CoroutineContext, block: Runnable) = inner.dispatch(context, block)

        override fun resumeAfterDelay(timeMillis: Long, continuation: kotlinx.coroutines.CancellableContinuation<Unit>) {
            asked += "delay $timeMillis"
            super.resumeAfterDelay(timeMillis, continuation)
        }

        override fun runAfterTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle {
            asked += "timeout $timeMillis"
            return super.runAfterTimeout(timeMillis, block, context)
        }
    }

    @Test
    fun aSchedulerSharingDispatchersDelaysAndTimeoutsGoThroughItsHooksOntoItsScheduler() {
        val scheduler = TestCoroutineScheduler()
        val recording = Recording(StandardTestDispatcher(scheduler))
        var endedAt = -1L
        CoroutineScope(recording + job()).launch {
            delay(10)
            withTimeout(50) { delay(5) }
            endedAt = scheduler.currentTime
        }
        scheduler.advanceUntilIdle()
        assertThat(recording.asked).containsExactly("delay 10", "timeout 50", "delay 5")
        assertThat(endedAt).isEqualTo(15)
    }

    @Test
    fun asMainASchedulerSharingDispatcherLendsItsSchedulerToNewTestDispatchers() {
        val scheduler = TestCoroutineScheduler()
        Dispatchers.setMain(Recording(StandardTestDispatcher(scheduler)))
        try {
            assertThat(StandardTestDispatcher().scheduler).isSameAs(scheduler)
        } finally {
            Dispatchers.resetMain()
        }
    }

    @Test
    fun probeCoroutineCreatedHandsBackTheSameContinuationWithoutDebugProbes() {
        val completion = Continuation<Unit>(EmptyCoroutineContext) { }
        assertThat(DispatcherInternals.probeCoroutineCreated(completion)).isSameAs(completion)
    }
}
