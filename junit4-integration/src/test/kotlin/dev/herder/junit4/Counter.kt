package dev.herder.junit4

import kotlinx.coroutines.yield

/** A counter with a lost update: [readSuspendWrite] reads, suspends, then writes what it read plus one. */
class Counter {
    var count: Int = 0
        private set

    fun increment() {
        count++
    }

    suspend fun readSuspendWrite() {
        val read = count
        yield()
        count = read + 1
    }
}
