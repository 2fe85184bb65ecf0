package dev.herder.samples.users

import kotlinx.coroutines.delay
import java.io.IOException

/**
 * A higher-order suspend function, as Kotlin code writes them: runs [attempt] up to [times] times, pausing
 * [pauseMillis] after each `IOException`, and rethrows the last one.
 */
suspend fun <T> retrying(times: Int, pauseMillis: Long, attempt: suspend () -> T): T {
    repeat(times - 1) {
        try {
            return attempt()
        } catch (e: IOException) {
            delay(pauseMillis)
        }
    }
    return attempt()
}
