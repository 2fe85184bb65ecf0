package dev.herder.bridge.kotlinx

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

/**
 * The one seam onto members internal to kotlinx-coroutines (and two of kotlin-stdlib): this package. Nothing else in
 * Herder names a kotlinx internal, opts in to `InternalCoroutinesApi` or suppresses `INVISIBLE_*`; samples'
 * `KotlinxSeamTest` fails the build if something does. Nothing here names the rest of Herder.
 *
 * Herder is compiled against the oldest kotlinx-coroutines it supports; kotlinx keeps its public binary interface from
 * then on, but internals may change in any release. So every internal used here is (1) exercised once per JVM by a
 * self-test ([selfTest], run by the bridge's `KotlinxSupport.check` at the first Herder call): a kotlinx that is too
 * old or whose internals changed shape gives an `IllegalStateException` naming the version found and the supported
 * range, never a `NoSuchMethodError` from inside a wait; and (2) pinned by a contract test of kotlin-bridge's own
 * tests (one per file here), which CI runs on every supported kotlinx version.
 *
 * One file per concern:
 * - [SchedulerInternals] — the test scheduler. `TestCoroutineScheduler.tryRunNextTaskUnless`: run one task, so that an
 *   await returns at the exact virtual instant its call completed (kotlinx.coroutines #3189 asks for a public "run
 *   next task"); `receiveDispatchEvent`: hear a dispatch from another thread while the test thread waits; the private
 *   `events`, `lock` and `currentTime`, the private `TestDispatchEvent` and `TestDispatcher.processEvent`: run one task
 *   *chosen* among those due at the same instant, for shuffled schedules (checked by [shufflingSelfTest] when a
 *   shuffled schedule is first used, so that FIFO users never depend on them); `TestScopeImpl.leave`: leave the global
 *   exception collector when a watchdog ended `runTest` before it could.
 * - [JobInternals] — jobs and frames. `JobSupport.state`, `NodeList`, `JobNode`, `Incomplete.list`,
 *   `ChildContinuation.child`: find the continuations a stuck coroutine is suspended in, for timeout dumps, without
 *   kotlinx-coroutines-debug; `CancellableContinuationImpl.delegate`, `DispatchedContinuation.continuation`, stdlib's
 *   `BaseContinuationImpl`: walk a suspended coroutine's frames; the completion nodes and disposers of `join`, `await`,
 *   `awaitAll`, segments, `ScopeCoroutine.uCont`, `TimeoutCoroutine`, `JobSupport.Finishing`: what a coroutine waits
 *   for (the deadlock verdict); `AbstractCoroutine` and `handleCoroutineException`: a coroutine's context and where its
 *   uncaught exceptions go; `unwrapImpl` (`@PublishedApi`, so kept for inlined user code): the exception the code threw,
 *   for a copy kotlinx's stack-trace recovery made of it; `JobCancellationException` and
 *   `JobSupport.getCompletionExceptionOrNull`'s refusal: kotlinx's own exceptions, told from the code's.
 * - [DispatcherInternals] — dispatchers. `TestDispatcher`'s internal constructor and the `Delay` it implements:
 *   [SchedulerSharingDispatcher], so that `Dispatchers.Main` can be a test dispatcher whose scheduler is the calling
 *   test's; `LimitedDispatcher`/`NamedDispatcher`'s private `dispatcher`: see through views; `DefaultDelay`: real-time
 *   delays off a test's dispatcher; the classes and methods virtual dispatchers hook; stdlib's `probeCoroutineCreated`:
 *   let DebugProbes (when installed) see the calls Herder awaits.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object KotlinxSeam {
    /** The packages of kotlinx-coroutines-core whose internals this seam (and the hooks it names) reads reflectively. */
    @JvmField
    public val CORE_PACKAGES: List<String> = listOf("kotlinx.coroutines", "kotlinx.coroutines.internal")

    /** The package of kotlinx-coroutines-test whose private members shuffled schedules read. */
    @JvmField
    public val TEST_PACKAGES: List<String> = listOf("kotlinx.coroutines.test")

    /**
     * Exercises each internal every Herder test relies on once; names the first that is missing or misbehaves, or
     * null. May throw a `LinkageError` or `RuntimeException` from inside kotlinx.
     */
    internal fun selfTest(): String? =
        SchedulerInternals.selfTest() ?: JobInternals.selfTest() ?: DispatcherInternals.selfTest()

    /** What is wrong with the internals shuffled schedules use (completing "… is on the classpath and"), or null. */
    internal fun shufflingSelfTest(): String? = SchedulerInternals.shufflingSelfTest()
}

/** [block]'s result, or the reflective or linkage failure an internal that changed shape gives. */
internal inline fun <T> attempt(block: () -> T): Result<T> = try {
    Result.success(block())
} catch (e: LinkageError) {
    Result.failure(e)
} catch (e: ReflectiveOperationException) {
    Result.failure(e)
} catch (e: ClassCastException) {
    Result.failure(e)
}
