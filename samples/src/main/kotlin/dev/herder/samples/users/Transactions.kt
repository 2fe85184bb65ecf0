package dev.herder.samples.users

/** A transaction: what code inside [Database.inTransaction] writes through. */
interface Transaction {
    suspend fun insert(table: String, row: String)
}

/** Kotlin's async context manager: begins a transaction, runs [block] in it, commits or rolls back. */
interface Database {
    suspend fun <R> inTransaction(block: suspend (Transaction) -> R): R
}

/** Production code that writes two rows in one transaction. */
class SignUp(private val database: Database) {
    suspend fun register(user: User): String = database.inTransaction { tx ->
        tx.insert("users", user.id)
        tx.insert("audit", "signed up ${user.id}")
        "registered ${user.id}"
    }
}
