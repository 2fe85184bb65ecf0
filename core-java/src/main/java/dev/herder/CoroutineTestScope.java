package dev.herder;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import dev.herder.flow.FlowProbe;
import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.CoroutineScope;
import org.jetbrains.annotations.ApiStatus;

/**
 * The handle a Java test body uses to drive coroutines on the test's loop and virtual clock.
 *
 * <p><b>Frozen between waits.</b> Virtual time moves, and coroutines of the test run, only while the body is inside a
 * waiting method of this scope ({@code await}, {@code advance…}, {@code runCurrent}) or inside {@code get()} /
 * {@code join()} of a future made by this scope. Code between two waits sees the clock stand still, so the same test
 * gives the same interleaving on every run. A wait returns at the exact virtual instant the awaited thing completed;
 * coroutines due later have not run yet.
 *
 * <p><b>Real threads.</b> Awaited work that hops to {@code Dispatchers.IO} or is resumed from another thread is
 * waited for on the wall clock: the test thread spins a few microseconds, then parks until the work comes back.
 *
 * <p><b>One thread, one test.</b> The waiting methods must be called from the thread that runs the test body and
 * only while the test runs (or from a thread the test thread lends the scope to, {@link Coroutines#shareWithChildThreads});
 * otherwise they throw {@link IllegalStateException}. All waits share the test's wall-clock timeout
 * ({@link TestOptions#withTimeout(Duration)}); when it passes they throw {@link CoroutineTestTimeoutError} naming the
 * coroutines still running.
 *
 * <p><b>Not for implementation.</b> Herder hands out this interface's instances; code only calls them. New methods may
 * be added in any release, so it is marked {@code @ApiStatus.NonExtendable} (IntelliJ flags an implementation).
 */
@ApiStatus.NonExtendable
public interface CoroutineTestScope {

    /**
     * Runs {@code call} as a coroutine of the test and waits until it completes, advancing virtual time.
     *
     * <pre>{@code boolean moved = scope.await(c -> HerdKt.herd(cat, "forward", c));}</pre>
     *
     * <p>Throws the very exception object the call failed with, never wrapped (checked ones included).
     *
     * @return the call's value
     * @throws IllegalArgumentException if {@code call} is null
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    <T> T await(SuspendCall<T> call);

    /**
     * Drives the test loop until {@code stage} completes, then returns its value or rethrows its failure unwrapped
     * (the cause of a {@code CompletionException} or {@code ExecutionException}).
     *
     * @throws IllegalArgumentException if {@code stage} is null
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    <T> T await(CompletionStage<T> stage);

    /**
     * Starts {@code call} as a coroutine of the test and returns a future of its result. Nothing runs until the test
     * waits (on the standard test dispatcher). {@code get()} and {@code join()} on the test thread drive the loop like
     * {@code await}; {@code cancel(true)} cancels the coroutine. A failure goes to the future and fails the test
     * only if the test never looked at the future ({@code get}, {@code join}, {@code await},
     * {@code isCompletedExceptionally}, {@code handle}, …).
     *
     * @throws IllegalArgumentException if {@code call} is null
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    <T> CompletableFuture<T> future(SuspendCall<T> call);

    /**
     * Starts {@code call} as a fire-and-forget coroutine of the test, as {@code launch} in {@code runTest}: the test
     * waits for it at its end, and its failure fails the test. The returned future completes with it.
     *
     * @throws IllegalArgumentException if {@code call} is null
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    CompletableFuture<Void> launch(SuspendCall<?> call);

    /**
     * Runs every task due before {@code now + duration} on the virtual clock, then sets the clock to
     * {@code now + duration}. Waits on the virtual clock only: work on real threads is not waited for.
     *
     * @throws IllegalArgumentException if {@code duration} is null or negative
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    void advanceTimeBy(Duration duration);

    /**
     * Runs tasks, advancing virtual time, until no foreground task is left (as kotlinx-coroutines-test's).
     *
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    void advanceUntilIdle();

    /**
     * Runs the tasks due at the current virtual instant, without moving the clock.
     *
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    void runCurrent();

    /** Virtual time in milliseconds since the test started. Never blocks. */
    long currentTime();

    /**
     * A {@link Clock} in UTC that reads the test's virtual time, starting at {@link java.time.Instant#EPOCH}, for Java
     * code under test that takes a {@code Clock}.
     */
    Clock clock();

    /**
     * A {@link ScheduledExecutorService} on the test's loop and virtual clock, for Java code under test that takes an
     * executor: {@code schedule}, {@code scheduleAtFixedRate}, {@code scheduleWithFixedDelay}, {@code execute},
     * {@code CompletableFuture.supplyAsync(…, executor)} run deterministically on the test's dispatcher, side by side
     * with coroutines. Tasks are coroutines of the test: the test waits for pending ones at its end (shut the executor
     * down to drop periodic tasks), and a failing task fails the test unless its future was read.
     */
    ScheduledExecutorService scheduledExecutor();

    /**
     * Starts collecting {@code flow} in the test and returns a probe on its events; see {@link FlowProbe}.
     *
     * @throws IllegalArgumentException if {@code flow} is null
     * @throws IllegalStateException if used from another thread or after the test ended
     */
    <T> FlowProbe<T> probe(Flow<? extends T> flow);

    /** As {@link #probe(Flow)}, named {@code name} in failure messages. */
    <T> FlowProbe<T> probe(Flow<? extends T> flow, String name);

    /** As {@link #probe(Flow, String)}, each await waiting at most {@code waitLimit} of wall-clock time (default 3 s). */
    <T> FlowProbe<T> probe(Flow<? extends T> flow, String name, Duration waitLimit);

    /** The dispatcher to hand to code under test: the test dispatcher, or the real dispatcher the test runs on. */
    CoroutineDispatcher dispatcher();

    /** A scope whose coroutines belong to the test: they run on {@link #dispatcher()} and are waited for at the end. */
    CoroutineScope coroutineScope();

    /** As {@code TestScope.backgroundScope}: coroutines here are cancelled, not waited for, when the test ends. */
    CoroutineScope backgroundScope();

    /**
     * The {@link Schedule} this test runs under: {@link Schedule#fifo()}, or the shuffled schedule of
     * {@code TestOptions.withSchedule(...)} or of an {@code @ExploreSchedules} invocation (its seed replays it).
     */
    Schedule schedule();
}
