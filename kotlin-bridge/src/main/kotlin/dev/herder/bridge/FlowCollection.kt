package dev.herder.bridge

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.launch

/** Hears what a collected flow does: each item, then completion or its error. Called on the collector's thread. */
public interface FlowListener {
    public fun item(value: Any?)
    public fun complete()
    public fun error(failure: Throwable)
}

/** Collecting a flow for a probe of the test. */
public object FlowCollection {
    /**
     * Starts collecting [flow] in [scope] at once (undispatched, so a `StateFlow`'s current value arrives before this
     * returns) and reports to [listener]. The flow's failure goes to the listener, never to the test's scope.
     */
    @JvmStatic
    public fun collect(scope: CoroutineScope, name: String, flow: Flow<*>, listener: FlowListener): Job =
        scope.launch(CoroutineName("probe $name"), start = CoroutineStart.UNDISPATCHED) {
            try {
                flow.collect { listener.item(it) }
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                listener.error(e)
                return@launch
            }
            listener.complete()
        }
}
