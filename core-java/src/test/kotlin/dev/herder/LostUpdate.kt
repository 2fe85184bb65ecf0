package dev.herder

import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.yield

/**
 * kotlinx.coroutines #1630's lost update: one increment under a lock, one that reads, suspends and writes. kotlinx's
 * arrival order runs the locked one first and the count is right; one deviation — the unlocked read first — loses an
 * update.
 */
class LostUpdate {
    private val lock = Mutex()

    var count: Int = 0
        private set

    suspend fun lockedIncrement() {
        lock.withLock { count++ }
    }

    suspend fun unlockedIncrement() {
        val read = count
        yield()
        count = read + 1
    }
}
