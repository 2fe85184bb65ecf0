@file:OptIn(kotlinx.coroutines.FlowPreview::class)

package dev.herder.flow

import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.retryWhen
import kotlinx.coroutines.flow.sample
import kotlinx.coroutines.flow.timeout
import java.io.IOException
import kotlin.time.Duration.Companion.milliseconds

// Flows the FlowProbe tests collect from Java.

/** Emits [from], [from]-1, … 1, one every [everyMillis], then completes. */
fun countdown(from: Int, everyMillis: Long): Flow<Int> = flow {
    for (i in from downTo 1) {
        delay(everyMillis)
        emit(i)
    }
}

/** Emits 1..[count] at once, then fails with an IOException. */
fun failingAfter(count: Int): Flow<Int> = flow {
    for (i in 1..count) emit(i)
    throw IOException("upstream broke after $count")
}

/** kotlinx's documented `debounce` example: produces 3, 4, 5. */
fun debounceExample(): Flow<Int> = flow {
    emit(1)
    delay(90)
    emit(2)
    delay(90)
    emit(3)
    delay(1010)
    emit(4)
    delay(1010)
    emit(5)
}.debounce(1000)

/** kotlinx's documented `sample` example: produces 1, 3, 5, 7, 9. */
fun sampleExample(): Flow<Int> = flow {
    repeat(10) {
        emit(it)
        delay(110)
    }
}.sample(200)

/** `timeout` as documented, with a catch that turns the timeout into -1. */
fun timeoutExample(): Flow<Int> = flow {
    emit(1)
    delay(50)
    emit(2)
    delay(50)
    emit(3)
    delay(1000)
    emit(4)
}.timeout(100.milliseconds).catch { e -> if (e is TimeoutCancellationException) emit(-1) else throw e }

/** `retryWhen` as documented: retries an IOException after a one-second back-off, up to 3 attempts in all. */
fun retryExample(): Flow<Int> {
    var attempts = 0
    return flow {
        attempts++
        emit(attempts)
        if (attempts < 3) throw IOException("attempt $attempts failed")
    }.retryWhen { cause, attempt ->
        if (cause is IOException && attempt < 3) {
            delay(1000)
            true
        } else {
            false
        }
    }
}

/** A debounced search over a StateFlow of queries, as a view model would hold it. */
class SearchModel {
    private val query = MutableStateFlow("")
    val results: Flow<String> = query.debounce(300).filter { it.isNotEmpty() }.map { "results for $it" }
    fun type(text: String) {
        query.value = text
    }
}

/** A StateFlow-backed counter, as a view model would hold it. */
class Counter {
    private val state = MutableStateFlow(0)
    val count: StateFlow<Int> = state.asStateFlow()
    fun increment() {
        state.value = state.value + 1
    }
}

/** A hot stream of events without a current value. */
class EventBus {
    val events = MutableSharedFlow<String>(extraBufferCapacity = 16)
    fun post(event: String) {
        events.tryEmit(event)
    }
}

/** Emits 1, 2, then throws a CancellationException of its own: a `withTimeout` timing out inside the flow. */
fun timingOutInside(): Flow<Int> = flow {
    emit(1)
    emit(2)
    kotlinx.coroutines.withTimeout(100) { delay(1_000) }
}

/** Emits 1, then waits for [gate] and fails with [failure]. */
fun failingWhenReleased(gate: kotlinx.coroutines.CompletableDeferred<Unit>, failure: Throwable): Flow<Int> = flow {
    emit(1)
    gate.await()
    throw failure
}

/** Emits 1 and waits forever; when cancelled, records that its onCompletion ran after a 50 ms clean-up. */
fun slowToFinish(finished: java.util.concurrent.atomic.AtomicBoolean): Flow<Int> = flow {
    emit(1)
    kotlinx.coroutines.awaitCancellation()
}.onCompletionAfter(50) { finished.set(true) }

private fun <T> Flow<T>.onCompletionAfter(millis: Long, action: () -> Unit): Flow<T> =
    kotlinx.coroutines.flow.flow {
        try {
            this@onCompletionAfter.collect { emit(it) }
        } finally {
            kotlinx.coroutines.withContext(kotlinx.coroutines.NonCancellable) { delay(millis) }
            action()
        }
    }
