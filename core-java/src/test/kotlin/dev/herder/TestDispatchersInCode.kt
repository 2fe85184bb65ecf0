package dev.herder

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestDispatcher
import kotlinx.coroutines.test.UnconfinedTestDispatcher
import kotlinx.coroutines.withContext

/** Android-style code under test that makes its own test dispatcher, without naming a scheduler. */
class Poller(unconfined: Boolean = false) {
    val dispatcher: TestDispatcher = if (unconfined) UnconfinedTestDispatcher() else StandardTestDispatcher()

    suspend fun pollAfter(millis: Long): String = withContext(dispatcher) {
        delay(millis)
        "polled"
    }
}
