package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import io.mockk.MockKAdditionalAnswerScope
import io.mockk.MockKAnswerScope
import io.mockk.MockKMatcherScope
import io.mockk.MockKStubScope
import io.mockk.Call
import io.mockk.Matcher
import io.mockk.mockkClass
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/** A mock call recorded from Java: invoke the suspend function of [mock] with [continuation]. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public fun interface MockRecorder {
    @Throws(Throwable::class)
    public fun record(mock: Any?, continuation: Continuation<Any?>): Any?
}

/** A stub answer seen from Java: the call's arguments (without the continuation) and the caller's continuation. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public fun interface StubAnswer {
    @Throws(Throwable::class)
    public fun answer(arguments: Array<Any?>, continuation: Continuation<Any?>): Any?
}

/** Several recorded calls in one verification block (for ordered verification). */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public fun interface MockRecordings {
    @Throws(Throwable::class)
    public fun recordAll(continuation: Continuation<Any?>)
}

/**
 * mockk's coroutine DSL (`coEvery`, `coVerify`…) for Java callers. mockk's matchers are reified inline functions
 * javac cannot see, so the scope of the block being recorded is published in [matcherScope] while Java code runs in
 * it; `SuspendMockk.any(Class)` and friends use it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object MockkInterop {
    private val scope = ThreadLocal<MockKMatcherScope?>()

    init {
        // On the module path mockk (which declares no module name) is an automatic module or on the class path;
        // either way this module reads it from here on. By name: a class literal would need the read edge first.
        val mockk = Class.forName("io.mockk.MockKMatcherScope", false, MockkInterop::class.java.classLoader).module
        MockkInterop::class.java.module.addReads(mockk)
    }

    /** The matcher scope of the mockk block being recorded on this thread, or null outside one. */
    @JvmStatic
    public fun matcherScope(): MockKMatcherScope? = scope.get()

    /** Registers [matcher] for the argument being recorded and returns the placeholder to pass in its place. */
    @JvmStatic
    @Suppress("UNCHECKED_CAST")
    public fun <T : Any> match(matcher: Matcher<T>, type: Class<T>): T? =
        (scope.get() ?: throw BridgeFailures.matcherOutsideCall()).match(matcher, type.kotlin)

    @JvmStatic
    public fun <T : Any> mock(type: Class<T>, name: String?, relaxed: Boolean): T =
        mockkClass(type.kotlin, name, relaxed)

    private suspend fun MockKMatcherScope.record(mock: Any?, recorder: MockRecorder): Any? {
        val previous = scope.get()
        scope.set(this)
        try {
            return suspendCoroutineUninterceptedOrReturn { c -> recorder.record(mock, c) }
        } finally {
            scope.set(previous)
        }
    }

    @JvmStatic
    public fun coEvery(mock: Any?, recorder: MockRecorder): MockkStub =
        MockkStub(io.mockk.coEvery { record(mock, recorder) })

    @JvmStatic
    public fun coVerify(mock: Any?, atLeast: Int, atMost: Int, exactly: Int, inverse: Boolean, recorder: MockRecorder) {
        io.mockk.coVerify(inverse = inverse, atLeast = atLeast, atMost = atMost, exactly = exactly) { record(mock, recorder) }
    }

    private suspend fun MockKMatcherScope.recordAll(recordings: MockRecordings) {
        val previous = scope.get()
        scope.set(this)
        try {
            suspendCoroutineUninterceptedOrReturn<Any?> { c -> recordings.recordAll(c); Unit }
        } finally {
            scope.set(previous)
        }
    }

    @JvmStatic
    public fun coVerifyOrder(recordings: MockRecordings): Unit = io.mockk.coVerifyOrder { recordAll(recordings) }

    @JvmStatic
    public fun coVerifySequence(recordings: MockRecordings): Unit = io.mockk.coVerifySequence { recordAll(recordings) }

    @JvmStatic
    public fun coVerifyAll(recordings: MockRecordings): Unit = io.mockk.coVerifyAll { recordAll(recordings) }
}

/** A mockk stubbing being built from Java: answers chain with mockk's `andThen` (the last one repeats). */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class MockkStub internal constructor(private val stub: MockKStubScope<Any?, Any?>) {
    private var chain: MockKAdditionalAnswerScope<Any?, Any?>? = null

    public fun thenAnswer(answer: StubAnswer): MockkStub {
        val suspending: suspend MockKAnswerScope<Any?, Any?>.(Call) -> Any? = { _ ->
            // mockk lists a suspend call's continuation among its arguments; answers get the declared ones only
            val arguments = (if (method.isSuspend && args.isNotEmpty()) args.dropLast(1) else args).toTypedArray()
            suspendCoroutineUninterceptedOrReturn { c -> answer.answer(arguments, c) }
        }
        chain = chain?.coAndThen(suspending) ?: stub.coAnswers(suspending)
        return this
    }
}
