package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

/**
 * The one place the bridge words the failures users see (the Java side has its own, `dev.herder.internal.Failures`):
 * each says what happened and what to write instead.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal object BridgeFailures {
    private const val ONCE = "A suspend function completes once: either return the value (or throw), or return " +
        "COROUTINE_SUSPENDED and resume the continuation exactly once later."

    /** An awaited call resumed after it had completed; [call] names it when known. */
    fun alreadyResumed(call: Any?, what: String): IllegalStateException = IllegalStateException(
        if (call == null) "Already resumed: an awaited suspend call $what. $ONCE"
        else "Already resumed: the suspend call $call $what. $ONCE"
    )

    fun debugProbesMissing(property: String): IllegalStateException = IllegalStateException(
        "-D$property=true needs kotlinx-coroutines-debug on the test classpath, and it is not there. Add " +
            "org.jetbrains.kotlinx:kotlinx-coroutines-debug (test scope, the version of your kotlinx-coroutines), " +
            "or drop -D$property=true: timeouts then show the suspension points Herder finds itself."
    )

    fun debugProbesNotExported(property: String, flag: String): IllegalStateException = IllegalStateException(
        "-D$property=true needs DebugProbes, which this kotlinx-coroutines-debug (a named module: it and Herder are " +
            "on the module path) does not export to Herder; before 1.10 it exports only its JUnit rules. Add " +
            "$flag to the test JVM's arguments (Surefire's argLine), use kotlinx-coroutines-debug 1.10 or newer, or " +
            "drop -D$property=true."
    )

    fun interruptedWhileWaiting(): InterruptedException = InterruptedException(
        "The test thread was interrupted while it waited for the test's coroutines (a Timeout rule or the test " +
            "runner stopping the test); the test stops here."
    )

    fun blockTooWide(arguments: Int): IllegalArgumentException = IllegalArgumentException(
        "thenInvokeBlockWith supports blocks of up to 3 parameters, got $arguments arguments"
    )

    fun mainOfNoTest(tests: Int): IllegalStateException = IllegalStateException(
        "Dispatchers.Main was used by a coroutine that belongs to none of the $tests Herder tests running in " +
            "parallel, so Herder cannot tell whose Main it is. Start it from the test (scope.coroutineScope(), " +
            "scope.await(...)) or from code the test called."
    )

    fun matcherOutsideCall(): IllegalStateException = IllegalStateException(
        "mockk matchers such as SuspendMockk.any(...) work only inside the call lambda of SuspendMockk.coEvery/" +
            "coVerify, e.g. coEvery(repo, (r, c) -> r.find(any(String.class), c))"
    )

    fun kotlinxUnsupported(found: KotlinxVersion, why: String): String =
        "Herder supports kotlinx-coroutines ${KotlinxSupport.OLDEST_SUPPORTED} to ${KotlinxSupport.NEWEST_TESTED}.x, " +
            "but ${found.artifact} ${found.version} is on the classpath and $why. Align every kotlinx-coroutines " +
            "artifact on a supported version, e.g. import org.jetbrains.kotlinx:kotlinx-coroutines-bom:1.10.2 in your " +
            "build (mvn dependency:tree -Dincludes=org.jetbrains.kotlinx shows where the version comes from)."

    fun kotlinxMisaligned(core: KotlinxVersion, test: KotlinxVersion): String =
        "kotlinx-coroutines-test ${test.version} is on the classpath with an older kotlinx-coroutines-core " +
            "${core.version}, which lacks functions the test artifact calls. Align every kotlinx-coroutines artifact " +
            "on one version, e.g. import org.jetbrains.kotlinx:kotlinx-coroutines-bom:${core.version} in your build " +
            "(mvn dependency:tree -Dincludes=org.jetbrains.kotlinx shows where each version comes from)."
}
