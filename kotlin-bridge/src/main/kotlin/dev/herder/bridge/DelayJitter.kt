package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.SchedulerSharingDispatcher
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.TestDispatcher
import java.util.SplittableRandom
import kotlin.coroutines.CoroutineContext

/**
 * A schedule's delay jitter: each virtual delay the test's coroutines ask for is stretched or shrunk by up to
 * [percent] % of itself, drawn from a [SplittableRandom] seeded by the schedule (apart from the order's own draws), in
 * the order the delays are asked for — which the schedule itself fixes, so a seed gives the same delays every run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class DelayJitter(seed: Long, private val percent: Int) {
    private val random = SplittableRandom(seed xor SALT)

    /** [millis] stretched or shrunk, never below 0; a delay too long to matter (awaiting forever) is kept. */
    internal fun apply(millis: Long): Long {
        if (millis <= 0 || millis > NO_JITTER_ABOVE) return millis
        val bound = millis * percent / 100
        if (bound == 0L) return millis
        val offset = synchronized(random) { random.nextLong(-bound, bound + 1) }
        return millis + offset
    }

    /** [dispatcher] with its delays jittered; everything else it does, it does itself. */
    public fun around(dispatcher: TestDispatcher): TestDispatcher = Jittered(dispatcher, this)

    private class Jittered(private val inner: TestDispatcher, private val jitter: DelayJitter) : SchedulerSharingDispatcher() {
        override val scheduler: TestCoroutineScheduler get() = inner.scheduler

        override fun isDispatchNeeded(context: CoroutineContext): Boolean = inner.isDispatchNeeded(context)

        override fun dispatch(context: CoroutineContext, block: Runnable) = inner.dispatch(context, block)

        // registered with this dispatcher itself (TestDispatcher's own delay), not the inner one: a coroutine on this
        // dispatcher then resumes in place when its delay is due, as without jitter, instead of through a dispatch
        override fun resumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) =
            super.resumeAfterDelay(jitter.apply(timeMillis), continuation)

        override fun runAfterTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle =
            super.runAfterTimeout(timeMillis, block, context)   // a timeout keeps its length: only delays race

        override fun toString(): String = "$inner (delays jittered by up to ${jitter.percent} %)"
    }

    private companion object {
        /** Keeps the jitter's draws apart from the order's, which use the same seed. */
        const val SALT = 0x4A17_7E2DL

        /** Delays longer than a year are waits for ever in disguise: left as they are. */
        const val NO_JITTER_ABOVE = 365L * 24 * 3600 * 1000
    }
}
