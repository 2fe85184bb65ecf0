package dev.herder.junit

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** Hops to Dispatchers.Main, waits there, and says which thread Main ran on. */
suspend fun threadOnMainAfter(millis: Long): Thread = withContext(Dispatchers.Main) {
    delay(millis)
    Thread.currentThread()
}

/** An Android-style view model: its own scope on Dispatchers.Main, not inherited from the test. */
class TickingViewModel {
    private val scope = CoroutineScope(Dispatchers.Main + SupervisorJob())

    @Volatile
    var ticks: Int = 0
        private set

    fun start(everyMillis: Long) {
        scope.launch {
            while (true) {
                delay(everyMillis)
                ticks++
            }
        }
    }

    fun close() = scope.cancel()
}

/** Waits for a bell that never rings (not a tail call, so that this function has a frame of its own). */
suspend fun waitForTheBell(bell: kotlinx.coroutines.channels.Channel<String>): String {
    val rung = bell.receive()
    return "rang $rung"
}

/** Reads on IO for [millis], then publishes on Main: the Android view-model round trip. */
suspend fun readOnIoThenShowOnMain(millis: Long): Thread {
    val read = kotlinx.coroutines.withContext(Dispatchers.IO) {
        delay(millis)
        Thread.currentThread()
    }
    return withContext(Dispatchers.Main) { read }
}

/** The usual Android view model: its own Main scope, a load that hops to IO (real) and publishes back on Main. */
class LoadingViewModel {
    private val scope = CoroutineScope(Dispatchers.Main + SupervisorJob())
    val state = kotlinx.coroutines.flow.MutableStateFlow("idle")

    fun load(id: Int) {
        scope.launch {
            val loaded = withContext(Dispatchers.IO) { "loaded $id on IO" }
            state.value = loaded
        }
    }

    fun close() = scope.cancel()
}
