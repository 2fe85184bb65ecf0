package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.Job

/**
 * The test thread's role lent to the threads it starts, for as long as it is [open]: JUnit 4 runs a method with a
 * timeout on a thread of its own (`FailOnTimeout`'s "Time-limited test") while the thread that started the coroutine
 * test waits for it. Such a thread — an *heir* — may act as the test thread ([admitsCurrentThread]), and a
 * `Dispatchers.Main` dispatch from it goes to this test's Main ([routeOfCurrentThread]).
 *
 * Heirs are found by an [InheritableThreadLocal]: a thread inherits the hand-over when the test thread, or an heir,
 * creates it while running no coroutine but the test body; a dispatcher's worker started from inside a coroutine does
 * not. One thread at a time drives the loop: the Java side holds a lock around each call while a hand-over is open.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class HandOver internal constructor(private val route: MainRoute, private val testJob: Job) {
    @Volatile private var open = true

    /** Lends the role from the calling thread (the test thread): the threads it starts from now on inherit it. */
    public fun start() {
        INHERITED.set(this)
    }

    /** Takes the role back: no thread is admitted any more, and the calling thread stops lending it. */
    public fun close() {
        open = false
        INHERITED.remove()
    }

    /** Whether the calling thread inherited this open hand-over and runs no coroutine now: it may act as the test thread. */
    public fun admitsCurrentThread(): Boolean =
        open && INHERITED.get() === this && TestThreads.currentJob() == null

    override fun toString(): String = "HandOver(${if (open) "open" else "closed"}, $route)"

    public companion object {
        private val INHERITED = object : InheritableThreadLocal<HandOver?>() {
            override fun childValue(parent: HandOver?): HandOver? =
                parent?.takeIf { it.open && TestThreads.currentJob().let { job -> job == null || job === it.testJob } }
        }

        /** The test whose open hand-over the calling thread inherited, for its `Dispatchers.Main`; else null. */
        @JvmStatic
        public fun routeOfCurrentThread(): MainRoute? = INHERITED.get()?.takeIf { it.open }?.route
    }
}
