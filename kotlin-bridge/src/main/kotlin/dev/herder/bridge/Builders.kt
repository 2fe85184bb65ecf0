package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlin.coroutines.CoroutineContext

/** Coroutine builders for Java callers outside a test: real time, real threads. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object Builders {
    /** `runBlocking` on the calling thread; throws the call's exception object unchanged. */
    @JvmStatic
    public fun runBlocking(block: SuspendBlock): Any? = kotlinx.coroutines.runBlocking { block.invokeSuspending() }

    /** Starts [block] in [context] (dispatched there) and returns its deferred result. */
    @JvmStatic
    public fun async(context: CoroutineContext, block: SuspendBlock): Deferred<Any?> =
        CoroutineScope(context).async(start = CoroutineStart.DEFAULT) { block.invokeSuspending() }
}
