@file:Suppress("INVISIBLE_REFERENCE", "INVISIBLE_MEMBER", "DEPRECATION_ERROR", "DEPRECATION")
@file:OptIn(InternalCoroutinesApi::class)

package dev.herder.bridge.kotlinx

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.Delay
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.test.TestDispatcher
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/**
 * A `TestDispatcher` made outside kotlinx-coroutines-test, whose constructor is internal. `Dispatchers.Main` must be
 * one for code under test that creates `StandardTestDispatcher()`/`UnconfinedTestDispatcher()` without a scheduler to
 * share the running test's: kotlinx reads the scheduler of Main's test dispatcher.
 *
 * A test dispatcher is also kotlinx's internal `Delay`, the clock `delay` and `withTimeout` ask: a subclass changes
 * how it keeps time through [resumeAfterDelay] and [runAfterTimeout], never through `Delay`'s own members.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public abstract class SchedulerSharingDispatcher : TestDispatcher() {
    final override fun scheduleResumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>): Unit =
        resumeAfterDelay(timeMillis, continuation)

    final override fun invokeOnTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle =
        runAfterTimeout(timeMillis, block, context)

    /** A coroutine on this dispatcher delays (`delay`): by default on this dispatcher's scheduler, as any test dispatcher. */
    protected open fun resumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>): Unit =
        super.scheduleResumeAfterDelay(timeMillis, continuation)

    /** A `withTimeout` of a coroutine on this dispatcher: by default on this dispatcher's scheduler. */
    protected open fun runAfterTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle =
        super.invokeOnTimeout(timeMillis, block, context)
}

/**
 * kotlinx's dispatchers as Herder sees through and hooks them: the views `limitedParallelism` makes, the real-time
 * clock of a dispatcher that has none, kotlin-stdlib's coroutine-creation probe, and the classes, methods and private
 * field that virtual dispatchers' ByteBuddy hooks (in herder-core's `VirtualDispatchers`) are installed on — named
 * here, so that nothing outside this package names them. Pinned by `DispatcherInternalsContractTest`.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object DispatcherInternals {
    // ---- what virtual dispatchers hook ------------------------------------------------------------------------------

    /** `Dispatchers.IO`'s class; its [DISPATCH] and [DISPATCH_YIELD] are hooked. */
    public const val IO_CLASS: String = "kotlinx.coroutines.scheduling.DefaultIoScheduler"

    /** The class whose [DISPATCH] and [DISPATCH_YIELD] `Dispatchers.Default` runs (it is a subclass of it). */
    public const val DEFAULT_CLASS: String = "kotlinx.coroutines.scheduling.SchedulerCoroutineDispatcher"

    /** The class of `limitedParallelism(n)` views; its [DISPATCH] and [DISPATCH_YIELD] are hooked. */
    public const val VIEW_CLASS: String = "kotlinx.coroutines.internal.LimitedDispatcher"

    /** The private field of a [VIEW_CLASS] (and of a named view) that holds the dispatcher it is a view of. */
    public const val VIEW_FIELD: String = "dispatcher"

    /** The event loop whose [DELAY] serves `delay()` on a dispatcher without a clock of its own. */
    public const val EVENT_LOOP_CLASS: String = "kotlinx.coroutines.EventLoopImplBase"

    /** kotlinx's default executor, whose [TIMEOUT] serves `withTimeout()` on a dispatcher without a clock of its own. */
    public const val DEFAULT_EXECUTOR_CLASS: String = "kotlinx.coroutines.DefaultExecutor"

    /** `dispatch(context, block)`. */
    public const val DISPATCH: String = "dispatch"

    /** `dispatchYield(context, block)`: `yield()`'s dispatch. */
    public const val DISPATCH_YIELD: String = "dispatchYield"

    /** The clock's `scheduleResumeAfterDelay(timeMillis, continuation)`. */
    public const val DELAY: String = "scheduleResumeAfterDelay"

    /** The clock's `invokeOnTimeout(timeMillis, block, context)`. */
    public const val TIMEOUT: String = "invokeOnTimeout"

    /**
     * Whether [dispatcher] is the unlimited IO scheduler at the bottom of `Dispatchers.IO`'s views
     * (`Dispatchers.IO.limitedParallelism(n)` is a view of it, not of `Dispatchers.IO`).
     */
    @JvmStatic
    public fun isUnlimitedIo(dispatcher: Any?): Boolean = dispatcher?.javaClass?.name == UNLIMITED_IO

    // ---- dispatcher views -------------------------------------------------------------------------------------------

    /**
     * The dispatcher at the bottom of [dispatcher]'s views: `limitedParallelism(n)` (`LimitedDispatcher`) and, from
     * kotlinx 1.9, named views (`NamedDispatcher`) wrap another dispatcher in their private `dispatcher` field, to any
     * depth (`Dispatchers.IO.limitedParallelism(8).limitedParallelism(2)`). Anything else is its own bottom.
     */
    @JvmStatic
    public fun bottomOf(dispatcher: Any?): Any? {
        var current = dispatcher
        repeat(MAX_VIEWS) {
            val field = current?.let { VIEW_FIELDS.get(it.javaClass) } ?: return current
            current = field.get(current)
        }
        return current
    }

    /** `Dispatchers.IO.limitedParallelism(2).limitedParallelism(1)`, for checking [bottomOf] once. */
    @JvmStatic
    public fun viewOfAViewOfIo(): Any = Dispatchers.IO.limitedParallelism(2).limitedParallelism(1)

    /** The [VIEW_FIELD] of kotlinx's view classes; null for every other class. */
    private val VIEW_FIELDS = object : ClassValue<java.lang.reflect.Field?>() {
        override fun computeValue(type: Class<*>): java.lang.reflect.Field? =
            if (type.name != VIEW_CLASS && type.name != NAMED_VIEW_CLASS) null
            else type.getDeclaredField(VIEW_FIELD).apply { isAccessible = true }
    }

    // ---- clocks -----------------------------------------------------------------------------------------------------

    /**
     * Schedules [continuation]'s resumption after [timeMillis] on [dispatcher]'s clock: its own if it has one (every
     * test dispatcher has), else kotlinx's real-time default.
     */
    @JvmStatic
    public fun delayOn(dispatcher: Any?, timeMillis: Long, continuation: CancellableContinuation<Unit>): Unit =
        clockOf(dispatcher).scheduleResumeAfterDelay(timeMillis, continuation)

    /** Runs [block] after [timeMillis] on [dispatcher]'s clock, as [delayOn] chooses it; the handle cancels it. */
    @JvmStatic
    public fun timeoutOn(dispatcher: Any?, timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle =
        clockOf(dispatcher).invokeOnTimeout(timeMillis, block, context)

    /** Whether [clock] is kotlinx's real-time default, the one a coroutine on a dispatcher without a clock uses. */
    @JvmStatic
    public fun isDefaultClock(clock: Any?): Boolean = clock === kotlinx.coroutines.DefaultDelay

    private fun clockOf(dispatcher: Any?): Delay = dispatcher as? Delay ?: kotlinx.coroutines.DefaultDelay

    // ---- probes -----------------------------------------------------------------------------------------------------

    /** Tells DebugProbes (when installed) that [completion] starts a coroutine; returns the continuation to use. */
    @JvmStatic
    public fun <T> probeCoroutineCreated(completion: Continuation<T>): Continuation<T> =
        kotlin.coroutines.jvm.internal.probeCoroutineCreated(completion)

    // ---- the self-test ----------------------------------------------------------------------------------------------

    /** Exercises the dispatcher internals once; names the first that is missing or misbehaves, or null. */
    internal fun selfTest(): String? {
        attempt { kotlinx.coroutines.DefaultDelay }.exceptionOrNull()?.let { return "DefaultDelay ($it)" }
        val probed = attempt { probeCoroutineCreated(Continuation<Unit>(Job()) {}) }
        probed.exceptionOrNull()?.let { return "kotlin.coroutines.jvm.internal.probeCoroutineCreated ($it)" }
        return null
    }

    private const val NAMED_VIEW_CLASS = "kotlinx.coroutines.internal.NamedDispatcher"
    private const val UNLIMITED_IO = "kotlinx.coroutines.scheduling.UnlimitedIoScheduler"
    private const val MAX_VIEWS = 64
}
