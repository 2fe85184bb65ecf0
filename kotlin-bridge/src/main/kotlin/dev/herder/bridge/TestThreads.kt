package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.Job
import java.lang.invoke.MethodHandles
import java.lang.invoke.VarHandle
import java.util.concurrent.ConcurrentHashMap
import kotlin.coroutines.CoroutineContext

/**
 * Which threads run a coroutine of one test right now. The test's [MainRoute], an element of every coroutine's context
 * in the test, is the [ThreadContextElement] that keeps it: every coroutine the test starts — on the test dispatcher,
 * `Dispatchers.IO`, a pool of the user's — marks its thread while it runs and unmarks it when it suspends. Three uses:
 * a timeout names the thread a running (not suspended) coroutine is on and shows that thread's stack; the deadlock
 * verdict gives none while a coroutine runs; and code on any thread can ask whether it runs inside a test ([current]).
 *
 * kotlinx calls [enter] and [leave] around every resumption of every coroutine of the test, so they do the least: one
 * thread-local read and one release write of the running coroutine's context each (the job and the test are looked up
 * in it only when someone asks). Each thread has one [Slot], registered with a test the first time one of the test's
 * coroutines runs on it. Readers on other threads (a timeout's dump, the verdict after a second of quiet) read the
 * slot's last release write: a coroutine resumed before the read is seen. The element is the route rather than an
 * element of its own because kotlinx walks the whole context on every resumption to find it, and on every new
 * continuation to count such elements: one element fewer is measurably cheaper on every await (benchmarks/README).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class TestThreads {
    public companion object {
        private val SLOTS: ThreadLocal<Slot> = ThreadLocal.withInitial { Slot(Thread.currentThread()) }
        private val RUNNING: VarHandle = MethodHandles.lookup()
            .findVarHandle(Slot::class.java, "running", CoroutineContext::class.java)

        /** The test whose coroutine the calling thread is running, or null. */
        @JvmStatic
        public fun current(): TestThreads? = SLOTS.get().running?.get(MainRoute)?.threads

        /** The job of the innermost coroutine of a test the calling thread runs right now (the body's own: the test's job), or null. */
        @JvmStatic
        public fun currentJob(): Job? = SLOTS.get().running?.get(Job)

        private fun setRunning(slot: Slot, context: CoroutineContext?) {
            RUNNING.setRelease(slot, context)
        }
    }

    /** What one thread is running: the context of the innermost coroutine of a test, or null. */
    private class Slot(val thread: Thread) {
        @Volatile @JvmField var running: CoroutineContext? = null
        var registeredWith: TestThreads? = null
    }

    private val slots: MutableSet<Slot> = ConcurrentHashMap.newKeySet()

    /** A coroutine with [context] resumes on this thread; returns what the thread ran before, for [leave]. */
    internal fun enter(context: CoroutineContext): CoroutineContext? {
        val slot = SLOTS.get()
        val previous = slot.running
        setRunning(slot, context)
        if (slot.registeredWith !== this) {
            slot.registeredWith = this
            slots.add(slot)
        }
        return previous
    }

    /** The coroutine [enter] marked suspended or ended: the thread runs [previous] again. */
    internal fun leave(previous: CoroutineContext?) {
        setRunning(SLOTS.get(), previous)
    }

    /**
     * The threads running a coroutine of the test whose root job is [root] right now, with the job of the innermost
     * coroutine each one runs.
     */
    public fun runningUnder(root: Job): Map<Job, Thread> {
        val out = HashMap<Job, Thread>()
        for (slot in slots) {
            val running = slot.running ?: continue
            val job = running[Job] ?: continue
            if (running[MainRoute]?.threads === this && job.descendsFrom(root)) out[job] = slot.thread
        }
        return out
    }

    override fun toString(): String = "TestThreads"
}
