package dev.herder.bridge

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.asDeferred
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
 * relies on from each internal that [KotlinxInternals] wraps. A failure here means a kotlinx release changed an
 * internal: adapt [KotlinxInternals] (and its self-test) before anything else.
 */
@OptIn(InternalCoroutinesApi::class) // Delay, invokeOnCompletion(onCancelling): what Herder itself uses
class KotlinxInternalsContractTest {
    private val jobs = ArrayList<Job>()

    @AfterEach
    fun cancelEverything() {
        jobs.forEach { it.cancel(null) }
    }

    private fun job(): Job = Job().also(jobs::add)

    @Test
    fun theKotlinxOnTheClasspathPassesTheCheck() {
        assertThat(KotlinxInternals.problem()).isNull()
        KotlinxInternals.check()
    }

    @Nested
    inner class TryRunNextTaskUnless {
        private val scheduler = TestCoroutineScheduler()
        private val dispatcher = StandardTestDispatcher(scheduler, "contract")
        private val log = ArrayList<String>()

        private fun launch(name: String, block: suspend () -> Unit) {
            CoroutineScope(dispatcher + job()).launch(CoroutineName(name), CoroutineStart.DEFAULT) { block() }
        }

        private fun runNext() = KotlinxInternals.tryRunNextTaskUnless(scheduler) { false }

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
            assertThat(KotlinxInternals.tryRunNextTaskUnless(scheduler) { true }).isFalse()
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
            assertThat(KotlinxInternals.listenForDispatch(scheduler, listener)).isTrue()
            assertThat(heard.count).isEqualTo(1) // answered by the return value, not by resuming the listener
        }

        @Test
        fun aWaitingListenerIsResumedByADispatchFromAnotherThread() {
            val (listener, heard) = listener()
            assertThat(KotlinxInternals.listenForDispatch(scheduler, listener)).isFalse()
            dispatchFromAnotherThread()
            assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue()
        }

        @Test
        fun eventsAreConflatedSoOneListenerHearsManyDispatchesOnce() {
            repeat(3) { dispatchFromAnotherThread() }
            assertThat(KotlinxInternals.listenForDispatch(scheduler, listener().first)).isTrue()
            assertThat(KotlinxInternals.listenForDispatch(scheduler, listener().first)).isFalse()
        }

        @Test
        fun aCancelledListenerLeavesTheNextDispatchToTheNextListener() {
            val cancelled = Job()
            val (_, cancelledHeard) = listener()
            assertThat(KotlinxInternals.listenForDispatch(scheduler, Continuation<Unit>(cancelled) { cancelledHeard.countDown() })).isFalse()
            cancelled.cancel(null)
            dispatchFromAnotherThread()
            val (next, _) = listener()
            assertThat(KotlinxInternals.listenForDispatch(scheduler, next)).isTrue()
        }
    }

    @Nested
    inner class CancellableSuspensions {
        @Test
        fun findsTheContinuationOfACoroutineSuspendedInAwaitAndWhereItWaits() {
            val parcel = CompletableDeferred<String>()
            val parent = job()
            val child = CoroutineScope(parent + Dispatchers.Unconfined).launch { dev.herder.waitForDelivery(parcel) }

            val found = KotlinxInternals.cancellableSuspensionsOf(child)
            assertThat(found).hasSize(1)
            val frames = KotlinxInternals.framesOf(found.single()).map { "${it.className}.${it.methodName}" }
            assertThat(frames.first()).isEqualTo("dev.herder.WaitingKt.waitForDelivery")

            parcel.complete("box")
            assertThat(KotlinxInternals.cancellableSuspensionsOf(child)).isEmpty()
        }

        @Test
        fun findsItAmongTheOtherNodesOfTheJob() {
            val scheduler = TestCoroutineScheduler()
            val child = CoroutineScope(job() + StandardTestDispatcher(scheduler)).launch(start = CoroutineStart.UNDISPATCHED) {
                dev.herder.napForAnHour()
            }
            child.invokeOnCompletion { }
            child.invokeOnCompletion(onCancelling = true) { }

            val found = KotlinxInternals.cancellableSuspensionsOf(child)
            assertThat(found).hasSize(1)
            assertThat(KotlinxInternals.framesOf(found.single()).first().methodName).isEqualTo("napForAnHour")
        }

        @Test
        fun findsNothingInAJobWithoutSuspendedCoroutinesOrInAnotherKindOfJob() {
            val plain = job()
            assertThat(KotlinxInternals.cancellableSuspensionsOf(plain)).isEmpty()
            plain.invokeOnCompletion { }
            assertThat(KotlinxInternals.cancellableSuspensionsOf(plain)).isEmpty()
            val foreign = object : Job by Job() {}
            assertThat(KotlinxInternals.cancellableSuspensionsOf(foreign)).isEmpty()
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
            KotlinxInternals.tryRunChosenTaskUnless(scheduler, until, { due -> seen += "of ${due.size}"; pick },
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
            KotlinxInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { due ->
                for (task in due) {
                    val root = KotlinxInternals.rootOf(KotlinxInternals.continuationOf(task)!!)
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
            assertThat(KotlinxInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { _, _, _ -> }) { true }).isNull()
            assertThat(scheduler.currentTime).isZero()
            assertThat(runChosen(0, until = 10)).isNotNull()
            assertThat(log).containsExactly("later")
        }

        @Test
        fun aTimersTaskLeadsToTheContinuationItResumes() {
            CoroutineScope(dispatcher + job()).launch(CoroutineName("napper"), CoroutineStart.UNDISPATCHED) {
                dev.herder.napForAnHour()
            }
            val task = KotlinxInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { t, _, _ ->
                val continuation = KotlinxInternals.continuationOf(t)!!
                seen += "${continuation.context[CoroutineName]?.name} ${KotlinxInternals.firstFrameFrom(continuation) { false }!!.methodName}"
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
            KotlinxInternals.tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { t, _, _ ->
                assertThat(t).isInstanceOf(kotlinx.coroutines.CancellableContinuation::class.java)
                seen += "${KotlinxInternals.continuationOf(t)!!.context[CoroutineName]?.name}"
            }) { false }
            assertThat(seen).containsExactly("waiter")
            assertThat(log).containsExactly("locked")
        }

        @Test
        fun tellsForegroundTasksFromBackgroundWork() {
            val scope = kotlinx.coroutines.test.TestScope(dispatcher)
            scope.backgroundScope.launch { log += "background" }
            assertThat(KotlinxInternals.hasForegroundTask(scheduler)).isFalse()
            launch("foreground") { log += "foreground" }
            assertThat(KotlinxInternals.hasForegroundTask(scheduler)).isTrue()
            scope.backgroundScope.coroutineContext[Job]!!.cancel(null)
        }

        @Test
        fun theShufflingCheckPasses() {
            KotlinxInternals.checkShuffling()
        }
    }

    @Test
    fun defaultDelayRunsATimeoutOnRealTimeOnAnotherThread() {
        val ran = CountDownLatch(1)
        val caller = Thread.currentThread()
        var runner: Thread? = null
        val started = System.nanoTime()
        KotlinxInternals.defaultDelay.invokeOnTimeout(20, Runnable { runner = Thread.currentThread(); ran.countDown() }, EmptyCoroutineContext)
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue()
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(20)
        assertThat(runner).isNotSameAs(caller)
    }

    @Test
    fun probeCoroutineCreatedHandsBackTheSameContinuationWithoutDebugProbes() {
        val completion = Continuation<Unit>(EmptyCoroutineContext) { }
        assertThat(KotlinxInternals.probeCoroutineCreated(completion)).isSameAs(completion)
    }

    @Test
    fun originalOfHandsBackTheExceptionAStackTraceRecoveredCopyWasMadeOf() {
        val original = IllegalStateException("boom")
        val copy = kotlinx.coroutines.runBlocking {
            try {
                kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) {
                    Thread.sleep(5)
                    throw original
                }
            } catch (e: IllegalStateException) {
                e
            }
        }
        assertThat(copy).isNotSameAs(original).hasCause(original)   // kotlinx's debug mode (-ea) made a copy
        assertThat(KotlinxInternals.originalOf(copy)).isSameAs(original)
        assertThat(KotlinxInternals.originalOf(original)).isSameAs(original)
        val unrelated = IllegalStateException("outer", IllegalStateException("inner"))
        assertThat(KotlinxInternals.originalOf(unrelated)).isSameAs(unrelated)   // same class as its cause, no boundary
    }

    @Test
    fun leaveIfEnteredReachesTestScopeLeaveWhichRefusesAScopeThatNeverEnteredWithAnIllegalStateException() {
        // the watchdog's clean-up relies on leave() being there and on its refusal being an IllegalStateException;
        // that it takes an entered scope out of the collector is TimeoutTest's
        // aTestTheWatchdogStoppedLeavesUncaughtExceptionsOutsideTestsToTheirHandlers
        KotlinxInternals.leaveIfEntered(kotlinx.coroutines.test.TestScope())
    }

    /** What [KotlinxInternals.waitOf], `rootOf`, `callerOf` and `isCompleting` read: the deadlock verdict's facts. */
    @Nested
    inner class WhatACoroutineWaitsFor {
        private val scheduler = TestCoroutineScheduler()
        private val dispatcher = StandardTestDispatcher(scheduler, "contract")
        private val parent = job()

        private fun start(block: suspend kotlinx.coroutines.CoroutineScope.() -> Unit): Job =
            CoroutineScope(dispatcher + parent).launch(block = block).also { scheduler.advanceUntilIdle() }

        private fun waitsOf(job: Job) = KotlinxInternals.cancellableSuspensionsOf(job).map(KotlinxInternals::waitOf)

        @Test
        fun aMutexWaiterIsASegmentOfTheSyncPackage() {
            val mutex = kotlinx.coroutines.sync.Mutex(locked = true)
            val waiter = start { mutex.lock() }
            val wait = waitsOf(waiter).single()
            assertThat(wait).isInstanceOf(KotlinxInternals.Wait.Primitive::class.java)
            assertThat((wait as KotlinxInternals.Wait.Primitive).what).isEqualTo("a Mutex or Semaphore")
        }

        @Test
        fun aChannelReceiverIsASegmentOfTheChannelsPackage() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val waiter = start { channel.receive() }
            assertThat((waitsOf(waiter).single() as KotlinxInternals.Wait.Primitive).what).isEqualTo("a channel")
        }

        @Test
        fun aSelectIsUnknownForItMayWaitForARealTimeout() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val waiter = start { kotlinx.coroutines.selects.select<Int> { channel.onReceive { it } } }
            assertThat(waitsOf(waiter).single()).isSameAs(KotlinxInternals.Wait.Unknown)
        }

        @Test
        fun aDeferredOnlyCoroutinesAwaitIsToldFromAFuturesBridge() {
            val plain = CompletableDeferred<Int>()
            start { plain.await() }
            val bridged = java.util.concurrent.CompletableFuture<Int>().asDeferred()
            start { bridged.await() }
            assertThat(KotlinxInternals.onlyCoroutinesWaitOn(plain)).isTrue()
            assertThat(KotlinxInternals.onlyCoroutinesWaitOn(bridged)).isFalse()
            plain.cancel(null)
            bridged.cancel(null)
        }

        @Test
        fun aTimeoutCoroutineIsRecognised() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val outer = CoroutineScope(dispatcher + parent).launch {
                kotlinx.coroutines.withTimeoutOrNull(60_000) { channel.receive() }
            }
            scheduler.runCurrent()   // not advanceUntilIdle: the timeout would run out
            assertThat(KotlinxInternals.isTimeout(outer.children.single())).isTrue()
            assertThat(KotlinxInternals.isTimeout(outer)).isFalse()
        }

        @Test
        fun joinAndAwaitNameTheAwaitedJob() {
            val deferred = CompletableDeferred<Int>()
            val other = job()
            val awaiting = start { deferred.await() }
            val joining = start { other.join() }
            assertThat((waitsOf(awaiting).single() as KotlinxInternals.Wait.OnJobs).jobs).containsExactly(deferred)
            assertThat((waitsOf(joining).single() as KotlinxInternals.Wait.OnJobs).jobs).containsExactly(other)
        }

        @Test
        fun awaitAllNamesEachAwaitedJob() {
            val first = CompletableDeferred<Int>()
            val second = CompletableDeferred<Int>()
            val awaiting = start { kotlinx.coroutines.awaitAll(first, second) }
            assertThat((waitsOf(awaiting).single() as KotlinxInternals.Wait.OnJobs).jobs).containsExactly(first, second)
        }

        @Test
        fun aCallbackAdapterAndARealDelayAreUnknown() {
            val adapter = start { kotlinx.coroutines.suspendCancellableCoroutine<Unit> { it.invokeOnCancellation { } } }
            val realDelay = CoroutineScope(Dispatchers.Default + parent).launch { delay(60_000) }
            while (KotlinxInternals.cancellableSuspensionsOf(realDelay).isEmpty()) Thread.onSpinWait()
            assertThat(waitsOf(adapter).single()).isSameAs(KotlinxInternals.Wait.Unknown)
            assertThat(waitsOf(realDelay).single()).isSameAs(KotlinxInternals.Wait.Unknown)
        }

        @Test
        fun theRootOfASuspensionIsItsCoroutineAndAScopeCoroutineResumesItsCaller() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val outer = start { kotlinx.coroutines.coroutineScope { channel.receive() } }
            val scope = outer.children.single()
            val suspension = KotlinxInternals.cancellableSuspensionsOf(scope).single()
            assertThat(KotlinxInternals.rootOf(suspension)).isSameAs(scope)
            assertThat(KotlinxInternals.rootOf(KotlinxInternals.callerOf(scope)!!)).isSameAs(outer)
            assertThat(KotlinxInternals.callerOf(outer)).isNull()
        }

        @Test
        fun aCoroutineWaitingOnlyForItsChildrenIsCompleting() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val parentCoroutine = start { launch { channel.receive() } }
            val suspended = start { channel.receive() }
            assertThat(KotlinxInternals.isCompleting(parentCoroutine)).isTrue()
            assertThat(KotlinxInternals.isCompleting(suspended)).isFalse()
        }
    }

    @Test
    fun theBottomOfAViewOfAViewIsTheDispatcherItWraps() {
        val io = Dispatchers.IO.limitedParallelism(8)
        assertThat(KotlinxInternals.bottomOf(io.limitedParallelism(2))).isSameAs(KotlinxInternals.bottomOf(io))
        assertThat(KotlinxInternals.bottomOf(Dispatchers.Default.limitedParallelism(4).limitedParallelism(1)))
            .isSameAs(Dispatchers.Default)
        assertThat(KotlinxInternals.bottomOf(Dispatchers.Default)).isSameAs(Dispatchers.Default)
        assertThat(KotlinxInternals.bottomOf(null)).isNull()
    }
}
