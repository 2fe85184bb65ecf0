package dev.herder.virtual

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.withContext
import java.net.InetSocketAddress
import java.nio.ByteBuffer
import java.nio.channels.AsynchronousSocketChannel
import java.nio.channels.CompletionHandler
import java.util.concurrent.CompletableFuture
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

// What a deadlock verdict must catch (every coroutine waits for another of the test's) and what it must not (a wait
// for a real thread or real I/O), as production code writes them.

/** Locks a Mutex it already holds: waits for itself forever. */
suspend fun lockTwice(mutex: Mutex = Mutex()) {
    mutex.lock()
    mutex.lock()
}

/** Receives from a channel nobody sends to. */
suspend fun receiveWithNoSender(): Int = Channel<Int>().receive()

/** Awaits a CompletableDeferred nobody completes, on IO. */
suspend fun awaitNeverCompleted(): Int = withContext(Dispatchers.IO) { CompletableDeferred<Int>().await() }

/** Two coroutines taking two Mutexes in opposite orders, each holding one and waiting for the other. */
suspend fun locksInOppositeOrder() {
    val a = Mutex()
    val b = Mutex()
    val aHeld = CompletableDeferred<Unit>()
    val bHeld = CompletableDeferred<Unit>()
    coroutineScope {
        launch(Dispatchers.IO + CoroutineName("a-then-b")) {
            a.lock()
            aHeld.complete(Unit)
            bHeld.await()
            b.lock()
        }
        launch(Dispatchers.Default + CoroutineName("b-then-a")) {
            b.lock()
            bHeld.complete(Unit)
            aHeld.await()
            a.lock()
        }
    }
}

/** Awaits a future a real thread completes, on IO, with kotlinx's `CompletionStage.await()`. */
suspend fun awaitFutureOnIo(future: CompletableFuture<String>): String = withContext(Dispatchers.IO) { future.await() }

/** Reads one line from a loopback server with NIO2, suspending until the reply arrives. */
suspend fun readFromLoopback(port: Int): String = withContext(Dispatchers.IO) {
    val channel = AsynchronousSocketChannel.open()
    try {
        channel.connectSuspending(InetSocketAddress("127.0.0.1", port))
        val buffer = ByteBuffer.allocate(64)
        channel.readSuspending(buffer)
        buffer.flip()
        Charsets.UTF_8.decode(buffer).toString().trim()
    } finally {
        channel.close()
    }
}

private suspend fun AsynchronousSocketChannel.connectSuspending(address: InetSocketAddress) =
    suspendCancellableCoroutine<Unit> { continuation ->
        connect(address, Unit, handler(continuation) { })
    }

private suspend fun AsynchronousSocketChannel.readSuspending(buffer: ByteBuffer): Int =
    suspendCancellableCoroutine { continuation ->
        continuation.invokeOnCancellation { close() }
        read(buffer, Unit, handler(continuation) { it })
    }

private fun <V, T> handler(continuation: kotlinx.coroutines.CancellableContinuation<T>, value: (V) -> T) =
    object : CompletionHandler<V, Unit> {
        override fun completed(result: V, attachment: Unit) = continuation.resume(value(result))
        override fun failed(exc: Throwable, attachment: Unit) = continuation.resumeWithException(exc)
    }

/**
 * A repository with a scope of its own (not the test's): it relays what a real future yields into a channel. The
 * test's coroutine waits on the channel — durably, on its own — while the relay waits for real work.
 */
class Relay(private val scope: kotlinx.coroutines.CoroutineScope) {
    val replies = Channel<String>()

    fun relay(future: CompletableFuture<String>) {
        scope.launch(Dispatchers.IO) { replies.send(future.await()) }
    }
}

/** Waits for a Mutex it holds, giving up after [millis] of a real clock (Unconfined has none of its own). */
suspend fun lockOrGiveUpOnUnconfined(millis: Long): Boolean? {
    val mutex = Mutex(locked = true)
    return kotlinx.coroutines.withContext(Dispatchers.Unconfined) {
        kotlinx.coroutines.withTimeoutOrNull(millis) { mutex.lock(); true }
    }
}

/**
 * Cancels a worker and joins it; the worker's clean-up waits for [closed] (a connection closing on a real thread)
 * where cancellation cannot stop it.
 */
suspend fun cancelAWorkerWhoseCleanUpWaitsForRealWork(closed: CompletableFuture<String>): String = coroutineScope {
    val started = CompletableDeferred<Unit>()
    val worker = launch(Dispatchers.IO) {
        try {
            started.complete(Unit)
            kotlinx.coroutines.awaitCancellation()
        } finally {
            kotlinx.coroutines.withContext(kotlinx.coroutines.NonCancellable) { closed.await() }
        }
    }
    started.await()
    worker.cancel()
    worker.join()
    "cleaned up"
}
