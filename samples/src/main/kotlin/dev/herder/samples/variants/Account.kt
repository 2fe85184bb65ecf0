package dev.herder.samples.variants

/** Where every movement of money is recorded; a suspending call (a network service in production). */
interface AuditLog {
    suspend fun record(entry: String)
}

/**
 * A bank account with an order bug: `withdraw` reads the balance, suspends for the audit, then writes what it read
 * minus the amount. If a deposit completes during that audit, the deposit is lost. kotlinx's test scheduler resumes
 * coroutines in arrival order, and in that order the withdrawal always writes first — so the bug passes every run.
 */
class Account(private val audit: AuditLog, opening: Long) {
    var balance: Long = opening
        private set

    suspend fun deposit(amount: Long) {
        audit.record("deposit $amount")
        balance += amount
    }

    suspend fun withdraw(amount: Long) {
        val current = balance
        audit.record("withdraw $amount")
        balance = current - amount          // last write wins: a deposit made meanwhile is lost
    }
}

/** The fix: nothing suspends between reading the balance and writing it. */
class SafeAccount(private val audit: AuditLog, opening: Long) {
    var balance: Long = opening
        private set

    suspend fun deposit(amount: Long) {
        audit.record("deposit $amount")
        balance += amount
    }

    suspend fun withdraw(amount: Long) {
        audit.record("withdraw $amount")
        balance -= amount
    }
}
