package dev.herder.samples.blocking

import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/** The suspend API the rest of the codebase uses. */
interface WeatherApi {
    suspend fun temperature(city: String): Int
}

class WeatherUnavailable(city: String, cause: Throwable) : RuntimeException("no weather for $city", cause)

/**
 * A blocking facade for old Java callers that cannot suspend: sync code that calls into the event loop. It waits at
 * most [patienceMillis] of real time.
 */
class BlockingWeather(private val api: WeatherApi, private val patienceMillis: Long = 1_000) {
    fun temperatureIn(city: String): Int = runBlocking {
        try {
            withTimeout(patienceMillis) { api.temperature(city) }
        } catch (e: kotlinx.coroutines.TimeoutCancellationException) {
            throw WeatherUnavailable(city, e)
        }
    }
}
