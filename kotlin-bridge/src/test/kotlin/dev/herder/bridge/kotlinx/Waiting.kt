package dev.herder.bridge.kotlinx

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay

// Kotlin suspend functions with frames of their own, for the frame walks the contract tests pin.

suspend fun waitForDelivery(parcel: CompletableDeferred<String>): String {
    val content = parcel.await()
    return "delivered $content"
}

suspend fun napForAnHour(): String {
    delay(3_600_000)
    return "rested"
}

/** The jobs a contract test made, cancelled after it. */
class Jobs {
    private val jobs = ArrayList<Job>()

    fun job(): Job = Job().also(jobs::add)

    fun cancelAll() = jobs.forEach { it.cancel(null) }
}
