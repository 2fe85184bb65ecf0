package dev.herder.bridge

import java.util.concurrent.locks.LockSupport
import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

/**
 * A one-shot "this is done" flag that wakes the thread waiting for it.
 * Set from any thread; waited for by the one thread that drives the test loop.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public open class Signal @JvmOverloads constructor(
    /**
     * Whether what fires this is outside the test's coroutines (a `CompletionStage` the test did not start): while
     * the test body waits for such a signal, the test is never called deadlocked.
     */
    public val outsideTheTest: Boolean = false,
) {
    @Volatile private var done = false
    @Volatile private var waiter: Thread? = null

    public val isDone: Boolean get() = done

    /** Marks this signal done and wakes its waiter, if one is parked. */
    public fun fire() {
        done = true
        waiter?.let(LockSupport::unpark)
    }

    internal fun waitingThread(thread: Thread?) {
        waiter = thread
    }
}
