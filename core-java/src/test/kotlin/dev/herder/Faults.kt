package dev.herder

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withContext

// Kotlin suspend functions that fail in the ways the fault tests need.

/** Throws [failure] on Dispatchers.IO after [millis] of real time: the caller is suspended when it arrives. */
suspend fun failOnIo(failure: Throwable, millis: Long): Nothing = withContext(Dispatchers.IO) {
    Thread.sleep(millis)
    throw failure
}

/** Waits until cancelled, then throws [failure] from its finally block. */
suspend fun throwWhenCancelled(failure: Throwable, started: CompletableDeferred<Unit>? = null): Nothing {
    try {
        started?.complete(Unit)
        awaitCancellation()
    } finally {
        throw failure
    }
}

/** Blocks its thread on Dispatchers.IO for [millis] of real time (interruptibly). */
suspend fun sleepOnIo(millis: Long): Unit = withContext(Dispatchers.IO) {
    Thread.sleep(millis)
}

/** A suspend function that never resumes and cannot be cancelled: a raw call that lost its continuation. */
suspend fun neverResumes(): Nothing = kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn {
    kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
}

/** Sleeps on whatever thread runs it: a coroutine blocking its dispatcher's thread. */
suspend fun sleepInPlace(millis: Long) {
    kotlinx.coroutines.yield()
    Thread.sleep(millis)
}

/** Calls [block] from a coroutine on Dispatchers.IO: Java code under test that runs on a pool thread. */
suspend fun <T> onIo(block: () -> T): T = withContext(Dispatchers.IO) { block() }

/** kotlinx's DumpOnTimeoutTest function: busy in plain code, checking for cancellation. */
fun kotlinx.coroutines.CoroutineScope.uniquelyNamedFunction() {
    while (true) {
        ensureActive()
        Thread.sleep(10)
    }
}

/** Runs [uniquelyNamedFunction] as a suspend call. */
suspend fun busyInAPlainFunction(): Unit = kotlinx.coroutines.coroutineScope { uniquelyNamedFunction() }
