package dev.herder;

import dev.herder.internal.Failures;
import dev.herder.bridge.JavaSuspensions;
import dev.herder.internal.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import kotlin.Unit;

/**
 * Builds the bodies of Kotlin {@code suspend} functions implemented in Java: fakes, stubs, adapters. A Java class
 * implementing {@code suspend fun find(id: String): User} writes {@code Object find(String id, Continuation<? super
 * User> c)}; {@code Suspend} makes the body and {@link SuspendCall#call} runs it:
 *
 * <pre>{@code
 * final class FakeUserRepository implements UserRepository {
 *     private final Map<String, User> users = new HashMap<>();
 *
 *     @Override public Object find(String id, Continuation<? super User> c) {
 *         return Suspend.after(Duration.ofSeconds(1), () -> users.get(id)).call(c);   // 1 s of the caller's clock
 *     }
 * }
 * }</pre>
 *
 * <p>Every suspension is a real, cancellable suspension of the caller, exactly as the same code written in Kotlin:
 * it resumes on the caller's dispatcher, waits on the caller's clock (virtual time in a coroutine test, so a one-hour
 * delay takes no wall-clock time), and ends with a {@code CancellationException} when the caller is cancelled. Calls
 * compose with {@link SuspendCall#map} and {@link SuspendCall#then}, and {@link Gate#pass()} is a call too. Nothing
 * here blocks a thread.
 */
public final class Suspend {
    private Suspend() {}

    /** A call that returns {@code value} at once, without suspending. */
    public static <T> SuspendCall<T> value(T value) {
        return c -> value;
    }

    /**
     * A call that throws {@code failure} at once, without suspending (checked exceptions too: Kotlin has none).
     *
     * @throws IllegalArgumentException if {@code failure} is null
     */
    public static <T> SuspendCall<T> failure(Throwable failure) {
        if (failure == null) {
            throw Failures.nullArgument("Suspend.failure", "the exception the call should throw",
                "Suspend.failure(new IOException(\"offline\"))");
        }
        return c -> {
            throw failure;
        };
    }

    /**
     * A call that suspends for {@code duration} of the caller's clock, then returns {@code Unit} — Kotlin's
     * {@code delay(duration)}. A part of a millisecond counts as a whole one, as in kotlinx.
     *
     * @throws IllegalArgumentException if {@code duration} is null or negative
     */
    public static SuspendCall<Unit> delay(Duration duration) {
        long millis = Durations.delayMillis(Durations.requireNotNegative(duration, "Suspend.delay's duration"));
        return c -> JavaSuspensions.delay(millis, c);
    }

    /**
     * A call that suspends for {@code duration} of the caller's clock, then returns what {@code value} returns, or
     * throws what it throws, unchanged. {@code value} runs on the caller's dispatcher, once per call.
     *
     * @throws IllegalArgumentException if {@code duration} is null or negative, or {@code value} is null
     */
    @SuppressWarnings("unchecked")
    public static <T> SuspendCall<T> after(Duration duration, Callable<? extends T> value) {
        long millis = Durations.delayMillis(Durations.requireNotNegative(duration, "Suspend.after's duration"));
        if (value == null) {
            throw Failures.nullArgument("Suspend.after", "what to return after the delay",
                "Suspend.after(Duration.ofSeconds(1), () -> users.get(id))");
        }
        return c -> JavaSuspensions.after(millis, value, c);
    }

    /**
     * A call that suspends until {@code stage} completes, then returns its value or throws its failure (unwrapped
     * from {@code CompletionException}). Cancelling the caller ends the wait but leaves {@code stage} alone: the
     * stage belongs to whoever completes it, usually the test.
     *
     * @throws IllegalArgumentException if {@code stage} is null
     */
    public static <T> SuspendCall<T> await(CompletionStage<? extends T> stage) {
        if (stage == null) {
            throw Failures.nullArgument("Suspend.await", "a CompletionStage", "a CompletableFuture the test completes");
        }
        return c -> JavaSuspensions.await(stage, c);
    }

    /** A call that suspends until the caller is cancelled, as Kotlin's {@code awaitCancellation()}. */
    public static <T> SuspendCall<T> never() {
        return c -> JavaSuspensions.never(c);
    }
}
