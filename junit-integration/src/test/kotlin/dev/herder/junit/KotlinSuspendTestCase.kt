package dev.herder.junit

import dev.herder.CoroutineTestScope
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.withContext

/** Fixture: Kotlin `suspend fun` test methods in the same codebase, run in the test's scope on virtual time. */
class KotlinSuspendTestCase {

    private suspend fun virtualNow(): Long = currentCoroutineContext()[TestCoroutineScheduler]!!.currentTime

    @CoroutineTest
    suspend fun delaysOnVirtualTime() {
        delay(60_000)
        check(virtualNow() == 60_000L) { "virtual time should be 60000 but was ${virtualNow()}" }
    }

    @CoroutineTest
    suspend fun getsTheScopeToo(scope: CoroutineTestScope) {
        coroutineScope {
            launch { delay(1_000) }
            launch { delay(3_000) }
        }
        check(scope.currentTime() == 3_000L) { "expected 3000, was ${scope.currentTime()}" }
        withContext(Dispatchers.Main) { delay(500) }
        check(scope.currentTime() == 3_500L) { "Main should be the test's dispatcher" }
    }

    @CoroutineTest(timeout = "300 ms")
    suspend fun hangsForever() {
        val never = CompletableDeferred<String>().await()
        check(never.isNotEmpty())
    }
}
