package dev.herder

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay

// Kotlin suspend functions with frames of their own, for the timeout messages.

suspend fun waitForDelivery(parcel: CompletableDeferred<String>): String {
    val content = parcel.await()
    return "delivered $content"
}

suspend fun napForAnHour(): String {
    delay(3_600_000)
    return "rested"
}

/** Ticks every [millis] until cancelled. */
suspend fun tickForever(millis: Long): Nothing {
    while (true) delay(millis)
}
