package dev.herder.junit4

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch

/** An Android-style view model: its own scope on Dispatchers.Main, a load that takes a second. */
class GreetingViewModel(private val name: String) {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main)
    private val _greeting = MutableStateFlow("…")
    val greeting: StateFlow<String> = _greeting

    fun load() {
        scope.launch {
            delay(1_000)
            _greeting.value = "Hello, $name"
        }
    }

    fun clear() = scope.cancel()
}

/** Waits [millis] on Dispatchers.IO and says which thread it ran on. */
suspend fun threadOnIoAfter(millis: Long): Thread = kotlinx.coroutines.withContext(Dispatchers.IO) {
    delay(millis)
    Thread.currentThread()
}

/** Runs [block] on Dispatchers.IO: a thread of a coroutine of the test, never the test's own. */
suspend fun <T> onIo(block: java.util.concurrent.Callable<T>): T =
    kotlinx.coroutines.withContext(Dispatchers.IO) { block.call() }
