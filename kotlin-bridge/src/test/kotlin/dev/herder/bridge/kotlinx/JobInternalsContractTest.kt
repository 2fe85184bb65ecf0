package dev.herder.bridge.kotlinx

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.asDeferred
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.catchThrowable
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import java.util.concurrent.CancellationException

/**
 * Pins, on the kotlinx-coroutines this JVM runs (CI runs it on every supported version), exactly the behaviour Herder
 * relies on from each job and frame internal that [JobInternals] wraps. A failure here means a kotlinx release changed
 * an internal: adapt [JobInternals] (and its self-test) before anything else.
 */
class JobInternalsContractTest {
    private val jobs = Jobs()

    @AfterEach
    fun cancelEverything() = jobs.cancelAll()

    private fun job(): Job = jobs.job()

    @Nested
    inner class CancellableSuspensions {
        @Test
        fun findsTheContinuationOfACoroutineSuspendedInAwaitAndWhereItWaits() {
            val parcel = CompletableDeferred<String>()
            val parent = job()
            val child = CoroutineScope(parent + Dispatchers.Unconfined).launch { waitForDelivery(parcel) }

            val found = JobInternals.cancellableSuspensionsOf(child)
            assertThat(found).hasSize(1)
            val frames = JobInternals.framesOf(found.single()).map { "${it.className}.${it.methodName}" }
            assertThat(frames.first()).isEqualTo("dev.herder.bridge.kotlinx.WaitingKt.waitForDelivery")

            parcel.complete("box")
            assertThat(JobInternals.cancellableSuspensionsOf(child)).isEmpty()
        }

        @Test
        fun findsItAmongTheOtherNodesOfTheJob() {
            val scheduler = TestCoroutineScheduler()
            val child = CoroutineScope(job() + StandardTestDispatcher(scheduler)).launch(start = CoroutineStart.UNDISPATCHED) {
                napForAnHour()
            }
            child.invokeOnCompletion { }
            @OptIn(kotlinx.coroutines.InternalCoroutinesApi::class)   // a handler of the kind kotlinx itself registers
            child.invokeOnCompletion(onCancelling = true) { }

            val found = JobInternals.cancellableSuspensionsOf(child)
            assertThat(found).hasSize(1)
            assertThat(JobInternals.framesOf(found.single()).first().methodName).isEqualTo("napForAnHour")
        }

        @Test
        fun findsNothingInAJobWithoutSuspendedCoroutinesOrInAnotherKindOfJob() {
            val plain = job()
            assertThat(JobInternals.cancellableSuspensionsOf(plain)).isEmpty()
            plain.invokeOnCompletion { }
            assertThat(JobInternals.cancellableSuspensionsOf(plain)).isEmpty()
            val foreign = object : Job by Job() {}
            assertThat(JobInternals.cancellableSuspensionsOf(foreign)).isEmpty()
        }
    }

    /** What [JobInternals.waitOf], `rootOf`, `callerOf` and `isCompleting` read: the deadlock verdict's facts. */
    @Nested
    inner class WhatACoroutineWaitsFor {
        private val scheduler = TestCoroutineScheduler()
        private val dispatcher = StandardTestDispatcher(scheduler, "contract")
        private val parent = job()

        private fun start(block: suspend CoroutineScope.() -> Unit): Job =
            CoroutineScope(dispatcher + parent).launch(block = block).also { scheduler.advanceUntilIdle() }

        private fun waitsOf(job: Job) = JobInternals.cancellableSuspensionsOf(job).map(JobInternals::waitOf)

        @Test
        fun aMutexWaiterIsASegmentOfTheSyncPackage() {
            val mutex = kotlinx.coroutines.sync.Mutex(locked = true)
            val waiter = start { mutex.lock() }
            val wait = waitsOf(waiter).single()
            assertThat(wait).isInstanceOf(JobInternals.Wait.Primitive::class.java)
            assertThat((wait as JobInternals.Wait.Primitive).what).isEqualTo("a Mutex or Semaphore")
        }

        @Test
        fun aChannelReceiverIsASegmentOfTheChannelsPackage() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val waiter = start { channel.receive() }
            assertThat((waitsOf(waiter).single() as JobInternals.Wait.Primitive).what).isEqualTo("a channel")
        }

        @Test
        fun aSelectIsUnknownForItMayWaitForARealTimeout() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val waiter = start { kotlinx.coroutines.selects.select<Int> { channel.onReceive { it } } }
            assertThat(waitsOf(waiter).single()).isSameAs(JobInternals.Wait.Unknown)
        }

        @Test
        fun aDeferredOnlyCoroutinesAwaitIsToldFromAFuturesBridge() {
            val plain = CompletableDeferred<Int>()
            start { plain.await() }
            val bridged = java.util.concurrent.CompletableFuture<Int>().asDeferred()
            start { bridged.await() }
            assertThat(JobInternals.onlyCoroutinesWaitOn(plain)).isTrue()
            assertThat(JobInternals.onlyCoroutinesWaitOn(bridged)).isFalse()
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
            assertThat(JobInternals.isTimeout(outer.children.single())).isTrue()
            assertThat(JobInternals.isTimeout(outer)).isFalse()
        }

        @Test
        fun joinAndAwaitNameTheAwaitedJob() {
            val deferred = CompletableDeferred<Int>()
            val other = job()
            val awaiting = start { deferred.await() }
            val joining = start { other.join() }
            assertThat((waitsOf(awaiting).single() as JobInternals.Wait.OnJobs).jobs).containsExactly(deferred)
            assertThat((waitsOf(joining).single() as JobInternals.Wait.OnJobs).jobs).containsExactly(other)
        }

        @Test
        fun awaitAllNamesEachAwaitedJob() {
            val first = CompletableDeferred<Int>()
            val second = CompletableDeferred<Int>()
            val awaiting = start { kotlinx.coroutines.awaitAll(first, second) }
            assertThat((waitsOf(awaiting).single() as JobInternals.Wait.OnJobs).jobs).containsExactly(first, second)
        }

        @Test
        fun aCallbackAdapterAndARealDelayAreUnknown() {
            val adapter = start { kotlinx.coroutines.suspendCancellableCoroutine<Unit> { it.invokeOnCancellation { } } }
            val realDelay = CoroutineScope(Dispatchers.Default + parent).launch { delay(60_000) }
            while (JobInternals.cancellableSuspensionsOf(realDelay).isEmpty()) Thread.onSpinWait()
            assertThat(waitsOf(adapter).single()).isSameAs(JobInternals.Wait.Unknown)
            assertThat(waitsOf(realDelay).single()).isSameAs(JobInternals.Wait.Unknown)
        }

        @Test
        fun theRootOfASuspensionIsItsCoroutineAndAScopeCoroutineResumesItsCaller() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val outer = start { kotlinx.coroutines.coroutineScope { channel.receive() } }
            val scope = outer.children.single()
            val suspension = JobInternals.cancellableSuspensionsOf(scope).single()
            assertThat(JobInternals.rootOf(suspension)).isSameAs(scope)
            assertThat(JobInternals.rootOf(JobInternals.callerOf(scope)!!)).isSameAs(outer)
            assertThat(JobInternals.callerOf(outer)).isNull()
        }

        @Test
        fun aCoroutineWaitingOnlyForItsChildrenIsCompleting() {
            val channel = kotlinx.coroutines.channels.Channel<Int>()
            val parentCoroutine = start { launch { channel.receive() } }
            val suspended = start { channel.receive() }
            assertThat(JobInternals.isCompleting(parentCoroutine)).isTrue()
            assertThat(JobInternals.isCompleting(suspended)).isFalse()
        }
    }

    @Nested
    inner class Coroutines {
        @Test
        fun aLaunchedOrAsyncCoroutineIsACoroutineWithItsContextAndABareJobIsNot() {
            val scope = CoroutineScope(job() + Dispatchers.Unconfined)
            val launched = scope.launch(CoroutineName("launched")) { awaitCancellation() }
            val deferred = scope.async(CoroutineName("deferred")) { awaitCancellation() }
            assertThat(JobInternals.isCoroutine(launched)).isTrue()
            assertThat(JobInternals.contextOf(launched)?.get(CoroutineName)?.name).isEqualTo("launched")
            assertThat(JobInternals.contextOf(deferred)?.get(CoroutineName)?.name).isEqualTo("deferred")
            for (bare in listOf(job(), CompletableDeferred<Int>(), null)) {
                assertThat(JobInternals.isCoroutine(bare)).isFalse()
                assertThat(JobInternals.contextOf(bare)).isNull()
            }
        }

        @Test
        fun anUncaughtFailureOfACoroutineGoesToItsContextsHandlerAndOfABareJobToTheThreadsHandler() {
            val handled = ArrayList<Throwable>()
            val coroutine = CoroutineScope(job() + Dispatchers.Unconfined)
                .launch(CoroutineExceptionHandler { _, e -> handled += e }) { awaitCancellation() }
            val failure = IllegalStateException("orphaned")
            JobInternals.handleUncaught(coroutine, failure)
            assertThat(handled).containsExactly(failure)

            val thread = Thread.currentThread()
            val previous = thread.uncaughtExceptionHandler
            val uncaught = ArrayList<Throwable>()
            thread.uncaughtExceptionHandler = Thread.UncaughtExceptionHandler { _, e -> uncaught += e }
            try {
                JobInternals.handleUncaught(job(), failure)
            } finally {
                thread.uncaughtExceptionHandler = previous
            }
            assertThat(uncaught).containsExactly(failure)
        }
    }

    /** [JobInternals.launchReporting] is `launch`, and tells its listener how the coroutine ended, once. */
    @Nested
    inner class LaunchReporting {
        private val ends = ArrayList<Throwable?>()
        private val listener = JobInternals.EndListener { ends += it }

        @Test
        fun aNormalEndIsReportedOnceAndTheParentWaitsForTheCoroutineAsForALaunch() {
            val scheduler = TestCoroutineScheduler()
            val parent = job()
            val child = JobInternals.launchReporting(CoroutineScope(parent + StandardTestDispatcher(scheduler)),
                CoroutineName("reported"), listener) { delay(1_000) }
            assertThat(JobInternals.contextOf(child)?.get(CoroutineName)?.name).isEqualTo("reported")
            assertThat(parent.children.toList()).containsExactly(child)
            scheduler.advanceTimeBy(999)
            scheduler.runCurrent()
            assertThat(ends).isEmpty()
            scheduler.advanceUntilIdle()
            assertThat(ends).containsExactly(null)
            assertThat(child.isCompleted).isTrue()
        }

        @Test
        fun aFailureIsReportedAndCancelsTheParentAsALaunchedFailureDoes() {
            val parent = job()
            val failure = IllegalStateException("boom")
            JobInternals.launchReporting(CoroutineScope(parent + Dispatchers.Unconfined), CoroutineName("failing"),
                listener) { throw failure }
            assertThat(ends).hasSize(1)
            assertThat(JobInternals.originalOf(ends.single()!!)).isSameAs(failure)
            assertThat(parent.isCancelled).isTrue()
        }

        @Test
        fun aFailureNoParentTakesGoesToTheContextsHandlerAsALaunchedFailureDoes() {
            val handled = ArrayList<Throwable>()
            val failure = IllegalStateException("boom")
            JobInternals.launchReporting(CoroutineScope(SupervisorJob() + Dispatchers.Unconfined),
                CoroutineExceptionHandler { _, e -> handled += e }, listener) { throw failure }
            assertThat(handled.map(JobInternals::originalOf)).containsExactly(failure)
            assertThat(ends.map { JobInternals.originalOf(it!!) }).containsExactly(failure)
        }

        @Test
        fun aCancelledCoroutineReportsAJobCancellation() {
            val child = JobInternals.launchReporting(CoroutineScope(job() + Dispatchers.Unconfined), CoroutineName("c"),
                listener) { awaitCancellation() }
            assertThat(ends).isEmpty()
            child.cancel()
            assertThat(ends).hasSize(1)
            assertThat(ends.single()).isInstanceOf(CancellationException::class.java)
            assertThat(JobInternals.isJobCancellation(ends.single()!!)).isTrue()
        }
    }

    @Nested
    inner class KotlinxsOwnExceptions {
        private fun causeOf(job: Job, cancel: (Job) -> Unit): Throwable {
            var cause: Throwable? = null
            job.invokeOnCompletion { cause = it }
            cancel(job)
            return cause!!
        }

        @Test
        fun aJobCancelledWithoutACauseOfItsOwnEndsWithAJobCancellation() {
            assertThat(JobInternals.isJobCancellation(causeOf(job()) { it.cancel() })).isTrue()
            val parent = job()
            val child = CoroutineScope(parent + Dispatchers.Unconfined).launch { awaitCancellation() }
            assertThat(JobInternals.isJobCancellation(causeOf(child) { parent.cancel() })).isTrue()
        }

        @Test
        fun theCodesOwnCancellationsAreNotJobCancellations() {
            val mine = CancellationException("mine")
            assertThat(JobInternals.isJobCancellation(causeOf(job()) { it.cancel(mine) })).isFalse()
            assertThat(JobInternals.isJobCancellation(mine)).isFalse()
            val timeout = catchThrowable { kotlinx.coroutines.runBlocking { kotlinx.coroutines.withTimeout(1) { awaitCancellation() } } }
            assertThat(timeout).isInstanceOf(kotlinx.coroutines.TimeoutCancellationException::class.java)
            assertThat(JobInternals.isJobCancellation(timeout)).isFalse()
        }

        @Test
        fun askingAnUnfinishedJobForItsOutcomeIsRecognisedByItsTopFrame() {
            val unfinished = CompletableDeferred<Int>()
            val refusal = catchThrowable { unfinished.getCompletionExceptionOrNull() }
            assertThat(refusal).isExactlyInstanceOf(IllegalStateException::class.java)
            assertThat(JobInternals.isAskedForTheOutcomeOfAnUnfinishedJob(refusal)).isTrue()

            val coroutine = CoroutineScope(job() + Dispatchers.Unconfined).async { awaitCancellation() }
            assertThat(JobInternals.isAskedForTheOutcomeOfAnUnfinishedJob(
                catchThrowable { coroutine.getCompletionExceptionOrNull() })).isTrue()
        }

        @Test
        fun anotherIllegalStateExceptionIsNotTheRefusal() {
            assertThat(JobInternals.isAskedForTheOutcomeOfAnUnfinishedJob(IllegalStateException("elsewhere"))).isFalse()
            val noFrames = IllegalStateException("no frames").apply { stackTrace = emptyArray() }
            assertThat(JobInternals.isAskedForTheOutcomeOfAnUnfinishedJob(noFrames)).isFalse()
        }

        @Test
        fun originalOfHandsBackTheExceptionAStackTraceRecoveredCopyWasMadeOf() {
            val original = IllegalStateException("boom")
            val copy = kotlinx.coroutines.runBlocking {
                try {
                    kotlinx.coroutines.withContext(Dispatchers.IO) {
                        Thread.sleep(5)
                        throw original
                    }
                } catch (e: IllegalStateException) {
                    e
                }
            }
            assertThat(copy).isNotSameAs(original).hasCause(original)   // kotlinx's debug mode (-ea) made a copy
            assertThat(JobInternals.originalOf(copy)).isSameAs(original)
            assertThat(JobInternals.originalOf(original)).isSameAs(original)
            val unrelated = IllegalStateException("outer", IllegalStateException("inner"))
            assertThat(JobInternals.originalOf(unrelated)).isSameAs(unrelated)   // same class as its cause, no boundary
        }
    }

    @Test
    fun aResumedCoroutinesFramesSitAboveTheStdlibsResumption() {
        val scheduler = TestCoroutineScheduler()
        var stack: Array<StackTraceElement> = emptyArray()
        CoroutineScope(job() + StandardTestDispatcher(scheduler)).launch {
            yield()
            stack = Thread.currentThread().stackTrace
        }
        scheduler.advanceUntilIdle()
        val resumption = stack.indexOfFirst(JobInternals::isResumption)
        assertThat(resumption).isPositive()
        assertThat(stack.take(resumption).map { it.methodName }).contains("invokeSuspend")
        assertThat(Thread.currentThread().stackTrace.none(JobInternals::isResumption)).isTrue()
    }
}
