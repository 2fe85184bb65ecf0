package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus
import dev.herder.bridge.kotlinx.JobInternals
import kotlinx.coroutines.Job
import java.util.IdentityHashMap

/**
 * The deadlock verdict of a test with virtual dispatchers, as Go's `testing/synctest` defines it: the test is
 * deadlocked only when every coroutine of it is *durably* blocked — waiting for something that only the test's own
 * coroutines could give it — and nothing is due on its virtual clock.
 *
 * Durable: a `Mutex`/`Semaphore` or a channel (kotlinx's primitives, released only by another coroutine), and
 * `join`/`await`/`awaitAll` of a job whose coroutine is itself durably blocked, or of a `CompletableDeferred` only
 * coroutines wait on (a `Gate` is one). Anything else is a wait Herder cannot see the end of — a `CompletionStage`
 * (`await()`, `asDeferred()`, `scope.await(stage)`, `Suspend.await`), a callback adapter (`suspendCancellableCoroutine`
 * resumed by an NIO or library thread), a `select` or `withTimeout` (whose timer may be on a real clock), a suspension
 * that registers nothing with its job, a coroutine running on a real thread — and no verdict is given while
 * one exists: such a test waits until its deadline, as `runTest` would. A false verdict costs more than a late one.
 *
 * The world checked is the test's job tree, its background scope (whose job kotlinx gives no parent), the coroutines of scopes built outside the test that ran on its
 * dispatchers (a view model's `viewModelScope`, a repository's own scope: see [MainRoute.guests]) and every job one of
 * them awaits.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal object DurableBlocking {
    /**
     * The waiters, when every coroutine of [run] is durably blocked while the test body waits for [bodyWait]; null
     * when something could still go on (or anything here failed: then there is no verdict, never a false one).
     */
    fun waiters(run: TestRun, route: MainRoute, bodyWait: Signal): List<StuckCoroutine>? = try {
        find(run, route, bodyWait)
    } catch (e: Exception) {
        null
    } catch (e: LinkageError) {
        null
    }

    private fun find(run: TestRun, route: MainRoute, bodyWait: Signal): List<StuckCoroutine>? {
        if (bodyWait.outsideTheTest) return null
        if (run.threads.runningUnder(run.testJob).keys.any { it !== run.testJob }) return null
        val seen = IdentityHashMap<Job, Unit>()
        val pending = ArrayDeque<Job>()
        pending.add(run.testJob)
        run.testScope.backgroundScope.coroutineContext[Job]?.let(pending::add)   // kotlinx's has no parent
        pending.addAll(route.guests())
        /** Roots (coroutines, awaited calls) with a wait found for them. */
        val waiting = IdentityHashMap<Any, Unit>()
        val mustWait = ArrayList<Any>()
        val waiters = ArrayList<StuckCoroutine>()
        while (pending.isNotEmpty()) {
            val job = pending.removeFirst()
            if (seen.put(job, Unit) != null || job.isCompleted) continue
            job.children.forEach(pending::add)
            if (JobInternals.isCoroutine(job) && job !== run.testJob) {   // not completed: active or cancelling
                if (JobInternals.isTimeout(job)) return null   // idle, so its timer runs on a real clock
                JobInternals.callerOf(job)?.let { waiting[rootOf(it)] = Unit }
                if (!JobInternals.isCompleting(job)) mustWait.add(job)
            }
            for (continuation in SuspensionPoints.suspendedIn(job)) {
                val what = when (val wait = JobInternals.waitOf(continuation)) {
                    is JobInternals.Wait.Primitive -> wait.what
                    is JobInternals.Wait.OnJobs -> {
                        val open = wait.jobs.filter { !it.isCompleted }
                        if (open.isEmpty()) return null   // completed: the waiter is about to be resumed
                        // a job no coroutine runs is durable only if nothing but coroutines waits on it: a future's
                        // asDeferred() bridge or a user's handler means something else may complete it
                        if (open.any { !JobInternals.isCoroutine(it) && !JobInternals.onlyCoroutinesWaitOn(it) }) return null
                        pending.addAll(open)
                        when {
                            open.all { !JobInternals.isCoroutine(it) } -> "a CompletableDeferred or Job nobody completed"
                            open.size == 1 -> "coroutine \"${CoroutineNames.of(open[0])}\""
                            else -> "coroutines " + open.joinToString { "\"${CoroutineNames.of(it)}\"" }
                        }
                    }
                    JobInternals.Wait.Unknown -> return null
                }
                val root = rootOf(continuation)
                waiting[root] = Unit
                val name = (root as? Job)?.let(CoroutineNames::of) ?: CoroutineNames.ofAwait(continuation.context)
                waiters.add(StuckCoroutine(name, "SUSPENDED, waiting for $what", SuspensionPoints.framesOf(continuation)))
            }
        }
        if (bodyWait is CallCompletion) mustWait.add(bodyWait)
        if (mustWait.any { it !in waiting }) return null
        return waiters.ifEmpty { null }
    }

    /**
     * The coroutine (its job) or awaited call whose frames [continuation] belongs to, walking through Herder's
     * guards: what the verdict and a schedule's trace ([TaskDescriptions]) both mean by "whose wait is this".
     */
    fun rootOf(continuation: kotlin.coroutines.Continuation<*>): Any {
        var root = JobInternals.rootOf(continuation)
        while (root is CallGuard) root = JobInternals.rootOf(root.delegate)
        return root
    }
}
