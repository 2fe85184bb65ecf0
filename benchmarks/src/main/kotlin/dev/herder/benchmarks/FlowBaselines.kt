@file:JvmName("FlowBaselines")

package dev.herder.benchmarks

import app.cash.turbine.test
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.test.runTest

/** A cold flow of [count] items, emitted as fast as they are collected. */
fun numbers(count: Int): Flow<Int> = flow { for (i in 0 until count) emit(i) }

/** A cold flow of [count] items, one per millisecond of (virtual) time. */
fun ticks(count: Int): Flow<Int> = flow {
    for (i in 0 until count) {
        kotlinx.coroutines.delay(1)
        emit(i)
    }
}

/** Turbine over [ticks]: every awaitItem has to wait for the next virtual millisecond. */
fun turbineAwaitAllTicks(count: Int): Long {
    var sum = 0L
    runTest {
        ticks(count).test {
            repeat(count) { sum += awaitItem() }
            awaitComplete()
        }
    }
    return sum
}

/** The native baseline: Turbine's `test { awaitItem() }` in Kotlin, over every item, inside runTest. */
fun turbineAwaitAll(count: Int): Long {
    var sum = 0L
    runTest {
        numbers(count).test {
            repeat(count) { sum += awaitItem() }
            awaitComplete()
        }
    }
    return sum
}
