package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import java.util.concurrent.atomic.AtomicInteger

/**
 * The suspending halves of Herder's stub answers. They are real Kotlin suspend functions so that a stub resumes its
 * caller the way any suspend function does: through the caller's dispatcher (virtual time in a test), and
 * cancellably.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object MockAnswers {
    /** Suspends for [millis] on the caller's clock, then returns [value]. */
    @JvmStatic
    public suspend fun returnAfter(millis: Long, value: Any?): Any? {
        delay(millis)
        return value
    }

    /** Suspends until the caller is cancelled. */
    @JvmStatic
    public suspend fun neverReturn(): Nothing = awaitCancellation()

    /**
     * Runs a Kotlin suspend lambda ([block], a `suspend (A, B…) -> R` compiled to `FunctionN`) with [arguments] and
     * returns its result; [scope] hears when the block is entered and exited, and how.
     */
    @JvmStatic
    @Suppress("UNCHECKED_CAST")
    public suspend fun invokeBlock(block: Any, arguments: Array<Any?>, scope: BlockListener): Any? {
        scope.entered(arguments)
        try {
            val result = when (arguments.size) {
                0 -> (block as suspend () -> Any?).invoke()
                1 -> (block as suspend (Any?) -> Any?).invoke(arguments[0])
                2 -> (block as suspend (Any?, Any?) -> Any?).invoke(arguments[0], arguments[1])
                3 -> (block as suspend (Any?, Any?, Any?) -> Any?).invoke(arguments[0], arguments[1], arguments[2])
                else -> throw BridgeFailures.blockTooWide(arguments.size)
            }
            scope.exited(null)
            return result
        } catch (e: Throwable) {
            scope.exited(e)
            throw e
        }
    }
}

/** Hears a stubbed higher-order suspend function enter and exit its block. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public interface BlockListener {
    public fun entered(arguments: Array<Any?>)

    /** [failure] is null when the block returned normally. */
    public fun exited(failure: Throwable?)
}

/** The suspending core of `dev.herder.Gate`: a one-shot value that callers wait for. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class GateCore<T> {
    private val value = CompletableDeferred<T>()
    private val waiters = AtomicInteger()

    /** How many callers are suspended in [pass] right now. */
    public val waiting: Int get() = waiters.get()

    public val isOpen: Boolean get() = value.isCompleted

    /** Suspends until the gate is opened or failed; returns the value or throws the failure. */
    public suspend fun pass(): T {
        if (value.isCompleted) return value.await()
        waiters.incrementAndGet()
        try {
            return value.await()
        } finally {
            waiters.decrementAndGet()
        }
    }

    /** Opens the gate with [v]; false if it was already open or failed. */
    public fun open(v: T): Boolean = value.complete(v)

    /** Fails every waiter, present and future, with [failure]; false if the gate was already open or failed. */
    public fun fail(failure: Throwable): Boolean = value.completeExceptionally(failure)
}
