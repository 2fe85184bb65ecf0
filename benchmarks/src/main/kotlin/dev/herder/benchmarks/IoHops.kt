@file:JvmName("IoHops")

package dev.herder.benchmarks

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext

// Production-style code that hops to an I/O dispatcher [times] times, each hop doing a 1 ms delay.

suspend fun hopToIo(times: Int, io: CoroutineDispatcher): Long {
    var sum = 0L
    repeat(times) {
        sum += withContext(io) {
            delay(1)
            1L
        }
    }
    return sum
}

/** Today's workaround: the test injects a StandardTestDispatcher where production code would use Dispatchers.IO. */
fun hopToInjectedTestDispatcherInRunTest(times: Int): Long {
    var sum = 0L
    runTest {
        sum = hopToIo(times, StandardTestDispatcher(testScheduler))
    }
    return sum
}
