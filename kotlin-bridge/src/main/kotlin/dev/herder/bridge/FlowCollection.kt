package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.JobInternals
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.UnconfinedTestDispatcher

/** Hears what a collected flow does: each item, then completion or its error. Called on the collector's thread. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public interface FlowListener {
    public fun item(value: Any?)
    public fun complete()
    public fun error(failure: Throwable)
}

/** Collecting a flow for a probe of the test. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object FlowCollection {
    /**
     * Starts collecting [flow] in [scope] at once and reports to [listener]. As Turbine does, the collector runs
     * unconfined — on an `UnconfinedTestDispatcher` of the test's [scheduler] (virtual time), or on
     * `Dispatchers.Unconfined` for a test on a real dispatcher ([scheduler] null) — and starts undispatched: a
     * `StateFlow`'s current value arrives before this returns, and each later value arrives as it is set, even from
     * Java between two waits, so the probe sees every value a Turbine collector would (no conflation). The flow's
     * failure, a `CancellationException` of its own included, goes to the listener, never to the test's scope.
     */
    @JvmStatic
    public fun collect(scope: CoroutineScope, scheduler: TestCoroutineScheduler?, name: String, flow: Flow<*>,
                       listener: FlowListener): Job {
        val unconfined = if (scheduler != null) UnconfinedTestDispatcher(scheduler, "probe $name") else Dispatchers.Unconfined
        return scope.launch(unconfined + CoroutineName("probe $name"), start = CoroutineStart.UNDISPATCHED) {
            try {
                flow.collect { listener.item(it) }
            } catch (e: Throwable) {
                // the probe's own cancellation ends here too: the listener ignores what arrives after it
                listener.error(JobInternals.originalOf(e))
                return@launch
            }
            listener.complete()
        }
    }
}
