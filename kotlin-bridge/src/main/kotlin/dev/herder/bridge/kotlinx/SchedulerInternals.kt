@file:Suppress("INVISIBLE_REFERENCE", "INVISIBLE_MEMBER", "DEPRECATION_ERROR", "DEPRECATION")
@file:OptIn(InternalCoroutinesApi::class)

package dev.herder.bridge.kotlinx

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestDispatcher
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn

/**
 * The test scheduler's internals Herder drives a test with, as `runTest` itself does: run one task, hear a dispatch
 * from another thread, run one task *chosen* among those due together (shuffled schedules), and leave kotlinx's global
 * exception collector. Pinned by `SchedulerInternalsContractTest`.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object SchedulerInternals {
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

    // ---- the self-tests ---------------------------------------------------------------------------------------------

    /** Exercises the scheduler internals every test uses once; names the first that is missing or misbehaves, or null. */
    internal fun selfTest(): String? {
        val scheduler = try {
            TestCoroutineScheduler()
        } catch (e: Throwable) {
            return "TestCoroutineScheduler() ($e)"
        }
        val ran = attempt { tryRunNextTaskUnless(scheduler) { false } }
        if (ran.isFailure || ran.getOrNull() != false) {
            return "TestCoroutineScheduler.tryRunNextTaskUnless (${ran.exceptionOrNull() ?: "ran a task of an empty scheduler"})"
        }
        val listenerJob = Job()
        val heard = attempt { listenForDispatch(scheduler, Continuation(listenerJob) {}) }
        listenerJob.cancel(null)
        if (heard.isFailure) return "TestCoroutineScheduler.receiveDispatchEvent (${heard.exceptionOrNull()})"
        attempt { leaveIfEntered(kotlinx.coroutines.test.TestScope()) }
            .exceptionOrNull()?.let { return "kotlinx.coroutines.test.TestScopeImpl.leave ($it)" }
        return null
    }

    /**
     * Exercises the internals shuffled schedules use — two tasks queued at one instant, the second chosen, run first —
     * and says what is wrong with them (completing "kotlinx-coroutines-test … is on the classpath and"), or null.
     */
    internal fun shufflingSelfTest(): String? = try {
        val scheduler = TestCoroutineScheduler()
        val dispatcher = kotlinx.coroutines.test.StandardTestDispatcher(scheduler, "herder-self-test")
        val ran = ArrayList<Int>()
        dispatcher.dispatch(kotlin.coroutines.EmptyCoroutineContext, Runnable { ran.add(1) })
        dispatcher.dispatch(kotlin.coroutines.EmptyCoroutineContext, Runnable { ran.add(2) })
        tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 1 }, { _, _, _ -> }) { false }
        tryRunChosenTaskUnless(scheduler, Long.MAX_VALUE, { 0 }, { _, _, _ -> }) { false }
        if (ran == listOf(2, 1) && !hasForegroundTask(scheduler)) null
        else "its test scheduler did not run the chosen task (ran $ran)"
    } catch (e: Exception) {
        "does not have the scheduler internals shuffled schedules rely on ($e)"
    } catch (e: LinkageError) {
        "does not have the scheduler internals shuffled schedules rely on ($e)"
    }
}
