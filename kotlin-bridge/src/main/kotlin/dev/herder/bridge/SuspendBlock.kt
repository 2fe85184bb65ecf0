package dev.herder.bridge

import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * A suspend call seen from Java: invoke it with a continuation, get a value or `COROUTINE_SUSPENDED`.
 * Herder's public `dev.herder.SuspendCall` is adapted to this shape; users never see it.
 */
public fun interface SuspendBlock {
    @Throws(Throwable::class)
    public fun invoke(continuation: Continuation<Any?>): Any?
}

/** Runs [block] as a plain suspend call of the current coroutine. */
public suspend fun SuspendBlock.invokeSuspending(): Any? =
    suspendCoroutineUninterceptedOrReturn { continuation -> invoke(continuation) }
