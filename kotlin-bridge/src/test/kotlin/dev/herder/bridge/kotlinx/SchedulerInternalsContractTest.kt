package dev.herder.bridge.kotlinx

import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.coroutines.Continuation
import kotlin.coroutines.EmptyCoroutineContext

/**
 * Pins, on the kotlinx-coroutines this JVM runs (CI runs it on every supported version), exactly the behaviour Herder
 * relies on from each test-scheduler internal that [SchedulerInternals] wraps. A failure here means a kotlinx release
 * changed an internal: adapt [SchedulerInternals] (and its self-test) before anything else.
 */
class SchedulerInternalsContractTest {
    private val jobs = Jobs()

    @AfterEach
    fun cancelEverything() = jobs.cancelAll()

    private fun job(): Job = jobs.job()

    @Nested
    inner class TryRunNextTaskUnless {
        private val scheduler = TestCoroutineScheduler()
        private val dispatcher = StandardTestDispatcher(scheduler, "contract")
        private val log = ArrayList<String>()

        private fun launch(name: String, block: suspend () -> Unit) {
            CoroutineScope(dispatcher + job()).launch(CoroutineName(name), CoroutineStart.DEFAULT) { block() }
        }

        private fun runNext() = SchedulerInternals.tryRunNextTaskUnless(scheduler) { false }

        @Test
        fun returnsFalseAndLeavesTheClockWhenNothingIsQueued() {
            assertThat(runNext()).isFalse()
            assertThat(scheduler.currentTime).isZero()
        }

        @Test
        fun runsExactlyOneTaskPerCallAndMovesTheClockToItsInstant() {
            launch("a") {
                log += "a@${scheduler.currentTime}"
                delay(10)
                log += "a@${scheduler.currentTime}"
            }
            assertThat(log).isEmpty() // launching only queues the start

            assertThat(runNext()).isTrue()
            assertThat(log).containsExactly("a@0")
            assertThat(runNext()).isTrue()
            assertThat(log).containsExactly("a@0", "a@10")
            assertThat(scheduler.currentTime).isEqualTo(10)
            assertThat(runNext()).isFalse()
        }

        @Test
        fun runsTasksDueAtOneInstantInTheOrderTheyArrivedAndLaterOnesAfterThem() {
            launch("late") { delay(5); log += "late" }
            launch("first") { log += "first" }
            launch("second") { yield(); log += "second" }
            launch("third") { log += "third" }
            while (runNext()) Unit
            assertThat(log).containsExactly("first", "third", "second", "late")
        }

        @Test
        fun runsNothingWhileTheConditionHolds() {
            launch("a") { log += "a" }
            assertThat(SchedulerInternals.tryRunNextTaskUnless(scheduler) { true }).isFalse()
            assertThat(log).isEmpty()
            assertThat(runNext()).isTrue()
            assertThat(log).containsExactly("a")
        }
    }

    @Nested
    inner class ListenForDispatch {
        private val scheduler = TestCoroutineScheduler()
        private val dispatcher = StandardTestDispatcher(scheduler, "contract")

        private fun dispatchFromAnotherThread() {
            val thread = Thread { dispatcher.dispatch(EmptyCoroutineContext, Runnable { }) }
            thread.start()
            thread.join(10_000)
            assertThat(thread.isAlive).isFalse()
        }

        private fun listener(): Pair<Continuation<Unit>, CountDownLatch> {
            val heard = CountDownLatch(1)
            return Continuation<Unit>(job()) { heard.countDown() } to heard
        }

        @Test
        fun aDispatchSentBeforeListeningIsHeardAtOnce() {
            dispatchFromAnotherThread()
            val (listener, heard) = listener()
            assertThat(SchedulerInternals.listenForDispatch(scheduler, listener)).isTrue()
            assertThat(heard.count).isEqualTo(1) // answered by the return value, not by resuming the listener
        }

        @Test
        fun aWaitingListenerIsResumedByADispatchFromAnotherThread() {
            val (listener, heard) = listener()
            assertThat(SchedulerInternals.listenForDispatch(scheduler, listener)).isFalse()
            dispatchFromAnotherThread()
            assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue()
        }

        @Test
        fun eventsAreConflatedSoOneListenerHearsManyDispatchesOnce() {
            repeat(3) { dispatchFromAnotherThread() }
            assertThat(SchedulerInternals.listenForDispatch(scheduler, listener().first)).isTrue()
            assertThat(SchedulerInternals.listenForDispatch(scheduler, listener().first)).isFalse()
        }

        @Test
        fun aCancelledListenerLeavesTheNextDispatchToTheNextListener() {
            val cancelled = Job()
            val (_, cancelledHeard) = listener()
            assertThat(SchedulerInternals.listenForDispatch(scheduler, Continuation<Unit>(cancelled) { cancelledHeard.countDown() })).isFalse()
            cancelled.cancel(null)
            dispatchFromAnotherThread()
            val (next, _) = listener()
            assertThat(SchedulerInternals.listenForDispatch(scheduler, next)).isTrue()
        }
    }

    @Nested
    inner class TryRunChosenTaskUnless {
        private val scheduler = TestCoroutineScheduler()
        private val dispatcher = StandardTestDispatcher(scheduler, "contract")
        private val log = ArrayList<String>()
        private val seen = ArrayList<String>()

        private fun launch(name: String, block: suspend () -> Unit) {
            CoroutineScope(dispatcher + job()).launch(CoroutineName(name), CoroutineStart.DEFAULT) { block() }
        }

        private fun runChosen(pick: Int, until: Long = Long.MAX_VALUE): Any? =
            SchedulerInternals.tryRunChosenTaskUnless(scheduler, until, { due -> seen += "of ${due.size}"; pick },
                { _, time, due -> seen += "ran@$time/$due" }) { false }

        @Test
        fun runsTheChosenTaskAmongThoseDueAtTheEarliestInstantInArrivalOrder() {
            launch("a") { log += "a" }
            launch("b") { log += "b" }
            launch("c") { log += "c" }
            launch("late") { delay(5); log += "late@${scheduler.currentTime}" }

            assertThat(runChosen(2)).isNotNull()
            assertThat(log).containsExactly("c")
            assertThat(seen).containsExactly("of 4", "ran@0/4")
            assertThat(runChosen(0)).isNotNull()
            assertThat(log).containsExactly("c", "a")
            while (runChosen(0) != null) Unit
            assertThat(log).containsExactly("c", "a", "b", "late@5")
            assertThat(scheduler.currentTime).isEqualTo(5)
        }

        @Test
        fun thePickSeesEachDueTaskAndEachLeadsToTheCoroutineItResumes() {
            launch("a") { log += "a" }
            launch("b") { log += "b" }
            val names = ArrayList<String?>()
            SchedulerInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { due ->
                for (task in due) {
                    val root = JobInternals.rootOf(JobInternals.continuationOf(task)!!)
                    names += (root as CoroutineScope).coroutineContext[CoroutineName]?.name
                }
                1
            }, { _, _, _ -> }) { false }
            assertThat(names).containsExactly("a", "b")
            assertThat(log).containsExactly("b")
        }

        @Test
        fun leavesTasksAfterTheLimitAndRunsNothingWhileTheConditionHolds() {
            launch("later") { delay(10); log += "later" }
            assertThat(runChosen(0)).isNotNull() // the start
            assertThat(runChosen(0, until = 9)).isNull()
            assertThat(SchedulerInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { _, _, _ -> }) { true }).isNull()
            assertThat(scheduler.currentTime).isZero()
            assertThat(runChosen(0, until = 10)).isNotNull()
            assertThat(log).containsExactly("later")
        }

        @Test
        fun aTimersTaskLeadsToTheContinuationItResumes() {
            CoroutineScope(dispatcher + job()).launch(CoroutineName("napper"), CoroutineStart.UNDISPATCHED) {
                napForAnHour()
            }
            val task = SchedulerInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { t, _, _ ->
                val continuation = JobInternals.continuationOf(t)!!
                seen += "${continuation.context[CoroutineName]?.name} ${JobInternals.firstFrameFrom(continuation) { false }!!.methodName}"
            }) { false }
            assertThat(task).isNotNull()
            assertThat(seen).containsExactly("napper napForAnHour")
        }

        @Test
        fun aMutexHandOffLeadsThroughTheCancellableContinuationToTheCoroutine() {
            val mutex = kotlinx.coroutines.sync.Mutex(locked = true)
            CoroutineScope(dispatcher + job()).launch(CoroutineName("waiter"), CoroutineStart.UNDISPATCHED) {
                mutex.lock()
                log += "locked"
            }
            mutex.unlock()   // hands the lock over: the waiter's continuation is dispatched as a task
            SchedulerInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { t, _, _ ->
                assertThat(t).isInstanceOf(kotlinx.coroutines.CancellableContinuation::class.java)
                seen += "${JobInternals.continuationOf(t)!!.context[CoroutineName]?.name}"
            }) { false }
            assertThat(seen).containsExactly("waiter")
            assertThat(log).containsExactly("locked")
        }

        @Test
        fun tellsForegroundTasksFromBackgroundWork() {
            val scope = kotlinx.coroutines.test.TestScope(dispatcher)
            scope.backgroundScope.launch { log += "background" }
            assertThat(SchedulerInternals.hasForegroundTask(scheduler)).isFalse()
            launch("foreground") { log += "foreground" }
            assertThat(SchedulerInternals.hasForegroundTask(scheduler)).isTrue()
            scope.backgroundScope.coroutineContext[Job]!!.cancel(null)
        }
    }

    @Test
    fun leaveIfEnteredReachesTestScopeLeaveWhichRefusesAScopeThatNeverEnteredWithAnIllegalStateException() {
        // the watchdog's clean-up relies on leave() being there and on its refusal being an IllegalStateException;
        // that it takes an entered scope out of the collector is herder-core's TimeoutTest
        // aTestTheWatchdogStoppedLeavesUncaughtExceptionsOutsideTestsToTheirHandlers
        SchedulerInternals.leaveIfEntered(kotlinx.coroutines.test.TestScope())
    }
}
