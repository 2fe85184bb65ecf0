@file:JvmName("MockBaselines")

package dev.herder.benchmarks

import io.mockk.coEvery
import io.mockk.mockk
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest

interface UserRepo {
    suspend fun find(id: String): String
}

/** The native baseline: a mockk stub written in Kotlin whose answer suspends. */
fun nativeMockkRepo(): UserRepo {
    val repo = mockk<UserRepo>()
    coEvery { repo.find(any()) } coAnswers {
        delay(1)
        "user"
    }
    return repo
}

/** Calls [repo]'s stubbed suspend function [times] times inside one runTest, the same way for every stub kind. */
fun callFindInRunTest(repo: UserRepo, times: Int): Int {
    var length = 0
    runTest {
        repeat(times) { length += repo.find("id").length }
    }
    return length
}

/** What a hand-written Mockito answer would call: the same suspending work as the other stubs. */
suspend fun delayThenUser(): String {
    delay(1)
    return "user"
}
