package dev.herder.samples.users

import kotlinx.coroutines.withTimeoutOrNull
import java.io.IOException

data class User(val id: String, val name: String)

/** The repository the service talks to; tests replace it with a mock. */
interface UserRepository {
    suspend fun find(id: String): User?
    suspend fun save(user: User)
}

class UserNotFound(id: String) : IOException("no user $id")

/** Production code: renames users, and gives up on a slow repository after [patienceMillis]. */
class UserService(private val repository: UserRepository, private val patienceMillis: Long = 2_000) {
    suspend fun rename(id: String, name: String): User {
        val user = repository.find(id) ?: throw UserNotFound(id)
        val renamed = user.copy(name = name)
        repository.save(renamed)
        return renamed
    }

    /** The user, or null if the repository does not answer within the service's patience. */
    suspend fun lookup(id: String): User? = withTimeoutOrNull(patienceMillis) { repository.find(id) }
}
