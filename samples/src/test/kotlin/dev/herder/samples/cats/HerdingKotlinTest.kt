package dev.herder.samples.cats

import dev.herder.CoroutineTestScope
import dev.herder.junit.CoroutineTest
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue

/** A Kotlin test class of the same codebase, on the same extension: a suspend test method on virtual time. */
class HerdingKotlinTest {

    // README: kotlin
    @CoroutineTest
    suspend fun herdsTwoCatsAtOnce(scope: CoroutineTestScope) = coroutineScope {
        val garfield = async { herd(Cat("Garfield", 1_000), "forward") }
        val tom = async { herd(Cat("Tom", 3_000), "back") }
        assertTrue(garfield.await() && tom.await())
        assertEquals(3_000L, scope.currentTime())
    }
    // README: end
}
