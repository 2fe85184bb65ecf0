package dev.herder.mock;

import dev.herder.Gate;
import java.time.Duration;
import org.jetbrains.annotations.ApiStatus;

/**
 * How a stubbed suspend function answers. Answers chain with Mockito's rule: each {@code then…} answers the next call,
 * and the last one repeats. {@code thenReturn(a).thenReturnAfter(d, b)} answers the first call with {@code a}, every
 * later one with {@code b} after {@code d}.
 *
 * <p>Suspending answers suspend for real: they resume the caller later, on the caller's dispatcher, so virtual time
 * applies in a test (two concurrent 5 s stubs both finish at t=5000) and cancelling the caller cancels the wait.
 *
 * <p><b>Not for implementation.</b> Herder hands out this interface's instances; code only calls them. New methods may
 * be added in any release, so it is marked {@code @ApiStatus.NonExtendable} (IntelliJ flags an implementation).
 *
 * @param <T> what the stubbed suspend function returns
 */
@ApiStatus.NonExtendable
public interface SuspendStubbing<T> {
    /** Answers with {@code first}, then with each of {@code more} in turn; the last repeats. Never suspends. */
    @SuppressWarnings("unchecked")
    SuspendStubbing<T> thenReturn(T first, T... more);

    /** Throws {@code first}, then each of {@code more}, as they are (checked ones too); the last repeats. */
    SuspendStubbing<T> thenThrow(Throwable first, Throwable... more);

    /**
     * Suspends for {@code delay} of the caller's time (virtual in a test), then answers {@code value}.
     *
     * @throws IllegalArgumentException if {@code delay} is null or negative
     */
    SuspendStubbing<T> thenReturnAfter(Duration delay, T value);

    /** Suspends until the test opens {@code gate}, then answers its value (or throws its failure). */
    SuspendStubbing<T> thenSuspendUntil(Gate<? extends T> gate);

    /** Suspends until the caller is cancelled (by {@code withTimeout}, a cancelled future, the end of the test). */
    SuspendStubbing<T> thenNeverReturn();

    /** Answers with {@code answer}, which may itself suspend. */
    SuspendStubbing<T> thenAnswer(SuspendAnswer<? extends T> answer);

    /**
     * For a higher-order suspend function that runs a block inside a scope it opens and closes (e.g.
     * {@code suspend fun <R> inTransaction(block: suspend (Tx) -> R): R}): runs the call's block with
     * {@code blockArguments} (say, a test double of {@code Tx}) and answers what the block returns. Entries and exits
     * are recorded in {@link #blockScopes()}.
     *
     * @throws IllegalStateException at call time if the stubbed call has no suspend-lambda argument
     */
    SuspendStubbing<T> thenInvokeBlockWith(Object... blockArguments);

    /** Entries into and exits from blocks run by {@link #thenInvokeBlockWith(Object...)} answers of this stubbing. */
    BlockScopes blockScopes();
}
