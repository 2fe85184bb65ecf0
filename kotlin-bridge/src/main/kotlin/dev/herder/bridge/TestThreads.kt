package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.Job
import kotlinx.coroutines.ThreadContextElement
import java.util.concurrent.ConcurrentHashMap
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Which threads run a coroutine of one test right now. It is a [ThreadContextElement] of the test's context, so every
 * coroutine the test starts — on the test dispatcher, `Dispatchers.IO`, a pool of the user's — marks its thread while
 * it runs and unmarks it when it suspends. Two uses: a timeout names the thread a running (not suspended) coroutine
 * is on and shows that thread's stack; and code on any thread can ask whether it runs inside a test ([current]).
 *
 * The cost is one thread-local read and two volatile writes per resumption: each thread has one [Slot], registered
 * with a test the first time one of the test's coroutines runs on it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class TestThreads : ThreadContextElement<Job?>, AbstractCoroutineContextElement(TestThreads) {
    /** The context key. */
    public companion object Key : CoroutineContext.Key<TestThreads> {
        private val SLOTS: ThreadLocal<Slot> = ThreadLocal.withInitial { Slot(Thread.currentThread()) }

        /** The test whose coroutine the calling thread is running, or null. */
        @JvmStatic
        public fun current(): TestThreads? {
            val slot = SLOTS.get()
            return if (slot.job != null) slot.test else null
        }

        /** The job of the innermost coroutine of a test the calling thread runs right now (the body's own: the test's job), or null. */
        @JvmStatic
        public fun currentJob(): Job? = SLOTS.get().job
    }

    /** What one thread is running: the job of the innermost coroutine and the test it belongs to. */
    private class Slot(val thread: Thread) {
        @Volatile var job: Job? = null
        @Volatile var test: TestThreads? = null
        var registeredWith: TestThreads? = null
    }

    private val slots: MutableSet<Slot> = ConcurrentHashMap.newKeySet()

    override fun updateThreadContext(context: CoroutineContext): Job? {
        val slot = SLOTS.get()
        val previous = slot.job
        slot.test = this
        slot.job = context[Job]
        if (slot.registeredWith !== this) {
            slot.registeredWith = this
            slots.add(slot)
        }
        return previous
    }

    override fun restoreThreadContext(context: CoroutineContext, oldState: Job?) {
        val slot = SLOTS.get()
        slot.job = oldState
        if (oldState == null) slot.test = null
    }

    /**
     * The threads running a coroutine of the test whose root job is [root] right now, with the job of the innermost
     * coroutine each one runs.
     */
    public fun runningUnder(root: Job): Map<Job, Thread> {
        val out = HashMap<Job, Thread>()
        for (slot in slots) {
            val job = slot.job ?: continue
            if (slot.test === this && job.descendsFrom(root)) out[job] = slot.thread
        }
        return out
    }

    override fun toString(): String = "TestThreads"
}
