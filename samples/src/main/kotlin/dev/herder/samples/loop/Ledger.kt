package dev.herder.samples.loop

import kotlinx.coroutines.yield

/**
 * A ledger that, like a UI toolkit or an SQLite connection, must only ever be touched from one thread: the first
 * thread that uses it owns it, and any other thread is refused. Its coroutines must all run on one loop thread.
 */
class Ledger {
    private var owner: Thread? = null
    private val entries = mutableListOf<String>()

    /** Records [entry] after letting other coroutines run; returns how many entries there are now. */
    suspend fun record(entry: String): Int {
        checkOwner()
        yield()
        checkOwner()
        entries += entry
        return entries.size
    }

    val size: Int get() = entries.size

    private fun checkOwner() {
        val current = Thread.currentThread()
        val first = owner ?: current.also { owner = it }
        check(first === current) { "Ledger used from ${current.name}, but it belongs to ${first.name}" }
    }
}
