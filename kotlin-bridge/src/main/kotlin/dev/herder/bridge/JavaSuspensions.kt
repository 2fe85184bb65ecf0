package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.Callable
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.function.Function

/**
 * The suspending bodies behind `dev.herder.Suspend` and `SuspendCall.map/then`: real Kotlin suspend functions, so a
 * Java fake suspends the way Kotlin code does — on its caller's dispatcher and clock (virtual time in a test), and
 * cancellably. Java calls each with the caller's continuation as the last argument.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object JavaSuspensions {
    /** Suspends for [millis] of the caller's clock. */
    @JvmStatic
    public suspend fun delay(millis: Long) {
        kotlinx.coroutines.delay(millis)
    }

    /** Suspends for [millis], then returns what [value] returns (or throws what it throws, unchanged). */
    @JvmStatic
    public suspend fun <T> after(millis: Long, value: Callable<out T>): T {
        delay(millis)
        return value.call()
    }

    /**
     * Suspends until [stage] completes; returns its value or throws its failure (unwrapped from
     * `CompletionException`/`ExecutionException`). Cancelling the caller stops the wait, not the stage: unlike
     * kotlinx's `CompletionStage.await()`, which cancels the future, a fake's future belongs to the test.
     *
     * The outcome crosses the suspension as a value and a failure is thrown here, in the caller's own frame: resumed
     * as a failure, kotlinx's debug mode (on under `-ea`) would hand the caller a stack-trace-recovered copy instead
     * of the very exception object.
     */
    @JvmStatic
    public suspend fun <T> await(stage: CompletionStage<out T>): T {
        val outcome = suspendCancellableCoroutine<Result<T>> { continuation ->
            stage.whenComplete { value, failure ->
                continuation.resumeWith(Result.success(if (failure == null) Result.success(value) else Result.failure(unwrap(failure))))
            }
        }
        return outcome.getOrThrow()
    }

    /** Suspends until the caller is cancelled. */
    @JvmStatic
    public suspend fun <T> never(): T = awaitCancellation()

    /** Runs [call], then returns [transform] of its value. */
    @JvmStatic
    public suspend fun <R> map(call: SuspendBlock, transform: Function<Any?, R>): R =
        transform.apply(call.invokeSuspending())

    /** Runs [call], then the call [next] makes of its value, and returns that call's value. */
    @JvmStatic
    @Suppress("UNCHECKED_CAST")
    public suspend fun <R> then(call: SuspendBlock, next: Function<Any?, SuspendBlock>): R =
        next.apply(call.invokeSuspending()).invokeSuspending() as R

    private fun unwrap(failure: Throwable): Throwable {
        var cause = failure
        while ((cause is CompletionException || cause is ExecutionException) && cause.cause != null) cause = cause.cause!!
        return cause
    }
}
