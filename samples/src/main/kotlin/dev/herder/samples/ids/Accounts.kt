package dev.herder.samples.ids

import kotlinx.coroutines.delay

/** A value class: Kotlin passes the bare String around wherever it can. */
@JvmInline
value class UserId(val value: String)

/** Looks accounts up; [slow] lookups suspend on the way. */
class Accounts {
    /**
     * Returns a value class. Kotlin mangles the JVM name of such a function (`idOf-<hash>`), so Java can only call
     * it under a `@JvmName`; and from Java the type of the result depends on whether the call suspended.
     */
    @JvmName("idOf")
    suspend fun idOf(name: String, slow: Boolean): UserId {
        if (slow) delay(10)
        return UserId("u-$name")
    }

    /** Returns a Result (a value class too). */
    @JvmName("tryIdOf")
    suspend fun tryIdOf(name: String, slow: Boolean): Result<UserId> {
        if (slow) delay(10)
        return if (name.isEmpty()) Result.failure(IllegalArgumentException("no name")) else Result.success(UserId("u-$name"))
    }

    /** The Java-facing form: the underlying value, one stable type whichever way the call went. */
    suspend fun idValueOf(name: String, slow: Boolean): String = idOf(name, slow).value
}
