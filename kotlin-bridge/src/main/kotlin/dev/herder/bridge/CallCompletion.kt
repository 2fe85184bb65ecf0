package dev.herder.bridge

import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/**
 * The completion of a call driven from Java: keeps the outcome and fires its [Signal].
 * The outcome is the very exception object the call failed with, never a wrapper.
 */
public class CallCompletion(override val context: CoroutineContext) : Signal(), Continuation<Any?> {
    private var value: Any? = null
    private var failure: Throwable? = null

    override fun resumeWith(result: Result<Any?>) {
        failure = result.exceptionOrNull()
        value = result.getOrNull()
        fire()
    }

    /** The call's value, or throws the call's exception as it is. Only valid once [isDone]. */
    public fun valueOrThrow(): Any? {
        check(isDone) { "The call has not completed yet" }
        failure?.let { throw it }
        return value
    }
}
