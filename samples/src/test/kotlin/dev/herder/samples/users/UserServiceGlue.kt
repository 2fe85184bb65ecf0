package dev.herder.samples.users

import io.mockk.coEvery
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

// The guide's "Side by side": the hand-written Kotlin glue a Java test needs without Herder, compiled so that the
// comparison stays honest. No test uses it.

// README: glue
// UserServiceGlue.kt, in the test sources
object UserServiceGlue {
    @JvmStatic fun rename(service: UserService, id: String, name: String): User =
        runBlocking { service.rename(id, name) }                 // real time: a one-second stub takes a second
    @JvmStatic fun stubFind(repository: UserRepository, user: User) {
        coEvery { repository.find(any()) } coAnswers { delay(1_000); user }
    }
}
// README: end
