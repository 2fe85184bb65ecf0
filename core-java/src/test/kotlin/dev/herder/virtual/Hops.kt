package dev.herder.virtual

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull

// Production-style Kotlin code that hard-codes Dispatchers.IO and Dispatchers.Default.

/** Where the code ran, and when. */
data class Trace(val thread: Thread, val value: Long)

/** Reads a record on IO, taking [millis]. */
suspend fun readOnIo(millis: Long): Trace = withContext(Dispatchers.IO) {
    delay(millis)
    Trace(Thread.currentThread(), millis)
}

/** Crunches on Default, taking [millis]. */
suspend fun crunchOnDefault(millis: Long): Trace = withContext(Dispatchers.Default) {
    delay(millis)
    Trace(Thread.currentThread(), millis)
}

/** IO, then Default inside it: the time adds up. */
suspend fun ioThenDefault(): Long = withContext(Dispatchers.IO) {
    delay(100)
    withContext(Dispatchers.Default) {
        delay(200)
        300L
    }
}

/** [n] reads side by side on IO, the i-th taking i × 10 ms. */
suspend fun fanOutOnIo(n: Int): List<Int> = coroutineScope {
    (1..n).map { i -> async(Dispatchers.IO) { delay(i * 10L); i } }.awaitAll()
}

/** A read on a limitedParallelism(n) view of IO or Default. */
suspend fun onLimitedView(parallelism: Int, io: Boolean): Trace {
    val view = (if (io) Dispatchers.IO else Dispatchers.Default).limitedParallelism(parallelism)
    return withContext(view) {
        delay(500)
        Trace(Thread.currentThread(), 500)
    }
}

/** Ticks every second, produced on IO. */
fun ticksOnIo(): Flow<Int> = flow {
    repeat(3) {
        delay(1_000)
        emit(it)
    }
}.flowOn(Dispatchers.IO)

/** A slow read on IO that gives up after 500 ms. */
suspend fun impatientReadOnIo(): String? = withContext(Dispatchers.IO) {
    withTimeoutOrNull(500) {
        delay(10_000)
        "late"
    }
}

/** Two coroutines on IO and Default, each waiting for the other: a deadlock. */
suspend fun deadlockOnIoAndDefault() {
    val left = CompletableDeferred<Unit>()
    val right = CompletableDeferred<Unit>()
    coroutineScope {
        launch(Dispatchers.IO + CoroutineName("left")) {
            right.await()
            left.complete(Unit)
        }
        launch(Dispatchers.Default + CoroutineName("right")) {
            left.await()
            right.complete(Unit)
        }
    }
}

/** Greets on IO: the repository (a mock, in the test) is called from there. */
suspend fun greetOnIo(greeter: dev.herder.fakes.Greeter, id: String): String = withContext(Dispatchers.IO) { greeter.greet(id) }

/** A read on a view of a view: `limitedParallelism(8).limitedParallelism(2)` of IO or Default. */
suspend fun onViewOfView(io: Boolean): Trace {
    val view = (if (io) Dispatchers.IO else Dispatchers.Default).limitedParallelism(8).limitedParallelism(2)
    return withContext(view) {
        delay(500)
        Trace(Thread.currentThread(), 500)
    }
}
