package dev.herder.mock

import kotlinx.coroutines.delay
import java.io.IOException

// Kotlin shapes the mock tests stub and verify from Java.

data class User(val id: String, val name: String)

interface Repo {
    suspend fun find(id: String): User
    suspend fun save(user: User): Boolean
    suspend fun count(): Int
    fun describe(): String
}

/** A transaction: what a block runs against. */
interface Tx {
    suspend fun write(key: String, value: String)
}

/** Kotlin's async context manager: runs [block] inside a transaction. */
interface Db {
    suspend fun <R> inTransaction(block: suspend (Tx) -> R): R
}

/** Production-style code over the repository, to show the mocks from the caller's side. */
class UserService(private val repo: Repo) {
    suspend fun rename(id: String, name: String): User {
        val user = repo.find(id)
        val renamed = user.copy(name = name)
        if (!repo.save(renamed)) throw IOException("could not save $id")
        return renamed
    }

    suspend fun findWithin(id: String, millis: Long): User? =
        kotlinx.coroutines.withTimeoutOrNull(millis) { repo.find(id) }

    suspend fun findAfterPause(id: String): User {
        delay(100)
        return repo.find(id)
    }
}

class Accounts(private val db: Db) {
    suspend fun transfer(amount: Int): String = db.inTransaction { tx ->
        tx.write("from", "-$amount")
        tx.write("to", "+$amount")
        "moved $amount"
    }
}

/** The name of the thread the caller continues on after the repository answered. */
suspend fun threadAfterFind(repo: Repo, id: String): String {
    repo.find(id)
    return Thread.currentThread().name
}

/** A real repository to spy on: counts calls of its real methods, which suspend. */
open class InMemoryRepo : Repo {
    val realCalls = java.util.concurrent.atomic.AtomicInteger()
    private val users = mapOf("1" to User("1", "Ann"))
    override suspend fun find(id: String): User {
        realCalls.incrementAndGet()
        delay(10)
        return users[id] ?: throw IOException("no user $id")
    }
    override suspend fun save(user: User): Boolean {
        realCalls.incrementAndGet()
        delay(10)
        return true
    }
    override suspend fun count(): Int = users.size
    override fun describe(): String = "in memory"
}

/** Calls a suspend function type it was given: what a mocked `suspend () -> Int` is handed to. */
suspend fun callTwiceAndAdd(loader: suspend () -> Int): Int = loader() + loader()

/** mockk's `coLambdaCall` shape: a class (so Mockito can spy it) whose suspend function takes a suspend lambda. */
open class LambdaRunner {
    open suspend fun coLambdaCall(lambda: suspend () -> Int): Int = lambda() * 100
}

suspend fun runTwice(runner: LambdaRunner, lambda: suspend () -> Int): Int = runner.coLambdaCall(lambda) + runner.coLambdaCall(lambda)
