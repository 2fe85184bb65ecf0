@file:JvmName("NativeBaselines")

package dev.herder.benchmarks

import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest

// The same work as the Herder benchmarks, written natively in Kotlin with kotlinx-coroutines-test.

/** One suspend call doing `delay(1)`: what both sides await. */
suspend fun delayOne(): Int {
    delay(1)
    return 1
}

fun emptyRunTest() = runTest { }

fun awaitDelayOneInRunTest(times: Int): Int {
    var sum = 0
    runTest {
        repeat(times) { sum += delayOne() }
    }
    return sum
}

fun launchManyInRunTest(count: Int) = runTest {
    repeat(count) { i -> launch { delay((i % 100).toLong()) } }
}

fun oneHourDelayInRunTest() = runTest { delay(3_600_000) }
