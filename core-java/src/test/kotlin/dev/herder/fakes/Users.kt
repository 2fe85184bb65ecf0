package dev.herder.fakes

import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeoutOrNull

// Kotlin production code with a repository interface that Java fakes implement.

data class User(val id: String, val name: String)

interface UserRepository {
    suspend fun find(id: String): User?
    suspend fun save(user: User)
}

class Greeter(private val users: UserRepository) {
    suspend fun greet(id: String): String = "Hello, ${users.find(id)?.name ?: "stranger"}"

    /** Greets everyone at once: the lookups run concurrently. */
    suspend fun greetAll(ids: List<String>): List<String> = coroutineScope { ids.map { async { greet(it) } }.awaitAll() }

    /** Gives up on a lookup that takes longer than [millis]. */
    suspend fun greetWithin(id: String, millis: Long): String = withTimeoutOrNull(millis) { greet(id) } ?: "Hello, whoever"

    suspend fun rename(id: String, name: String): User {
        val user = users.find(id) ?: throw NoSuchElementException("no user $id")
        return user.copy(name = name).also { users.save(it) }
    }
}
