package dev.herder.samples.cats

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay

/**
 * The talk's cat: petting pleases it, and a pleased cat moves when asked — eventually, after [patienceMillis].
 * An unpleased cat ignores you.
 */
class Cat(val name: String, private val patienceMillis: Long = 1_000) {
    var pleased: Boolean = false
        private set

    /** Where the cat has gone so far, one entry per move. */
    val path: MutableList<String> = mutableListOf()

    fun pet() {
        pleased = true
    }

    /** Moves in [direction] after the cat's patience has run out, if it is pleased; returns whether it moved. */
    suspend fun move(direction: String): Boolean {
        if (!pleased) return false
        delay(patienceMillis)
        path += direction
        pleased = false
        return true
    }

    /** Waits until [bowl] is filled, then eats what is in it. A cat never gives up on food. */
    suspend fun waitUntilFed(bowl: CompletableDeferred<String>): String {
        val food = bowl.await()
        pleased = true
        return food
    }

    override fun toString(): String = "Cat($name)"
}
