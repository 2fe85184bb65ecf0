package dev.herder;

import dev.herder.internal.Failures;
import dev.herder.bridge.JavaSuspensions;
import dev.herder.bridge.SuspendBlock;
import dev.herder.internal.Sneaky;
import java.util.function.Function;
import kotlin.coroutines.Continuation;

/**
 * A call of a Kotlin {@code suspend} function, seen from Java, with its arguments bound.
 *
 * <p>javac sees {@code suspend fun move(direction: String): Boolean} as
 * {@code Object move(String direction, Continuation<? super Boolean> $completion)}. A {@code SuspendCall} is exactly
 * that shape, so a lambda that passes its continuation on is all it takes:
 *
 * <pre>{@code
 * SuspendCall<Boolean> move = c -> cat.move("forward", c);
 * SuspendCall<Boolean> herd = c -> HerdKt.herd(cat, "forward", c);
 * boolean moved = scope.await(herd);
 * }</pre>
 *
 * <p>An implementation may return a value at once, throw at once, or return
 * {@code kotlin.coroutines.intrinsics.IntrinsicsKt.getCOROUTINE_SUSPENDED()} and resume the continuation later, from
 * any thread. Herder may invoke a call many times (once per await), so it must not keep state between invocations.
 *
 * <p>Calls compose ({@link #map}, {@link #then}) and run inside a Java implementation of a suspend function
 * ({@link #call}); {@link Suspend} makes the usual ones (a value, a failure, a delay, a future to wait for).
 *
 * @param <T> what the suspend function returns
 */
@FunctionalInterface
public interface SuspendCall<T> {
    /**
     * Invokes the suspend function with {@code continuation} as its completion.
     *
     * @param continuation where the function delivers its result if it suspends
     * @return the result, or {@code COROUTINE_SUSPENDED} if it will be delivered to {@code continuation}
     * @throws Throwable whatever the suspend function throws, checked Kotlin exceptions included
     */
    Object invoke(Continuation<? super T> continuation) throws Throwable;

    /**
     * This call with its value transformed by {@code transform}, which runs on the caller's dispatcher once the value
     * is there. A failure of this call passes through unchanged, and {@code transform} does not run.
     *
     * <pre>{@code SuspendCall<String> name = c -> repo.find(id, c); name.map(User::name)}</pre>
     *
     * @throws IllegalArgumentException if {@code transform} is null
     */
    @SuppressWarnings("unchecked")
    default <R> SuspendCall<R> map(Function<? super T, ? extends R> transform) {
        if (transform == null) {
            throw Failures.nullArgument("SuspendCall.map", "a function of the value", "call.map(User::name)");
        }
        SuspendBlock self = this::invoke;
        Function<Object, R> f = value -> transform.apply((T) value);
        return c -> JavaSuspensions.map(self, f, c);
    }

    /**
     * This call, then the call {@code next} makes of its value; the result is that call's value. A failure of either
     * passes through unchanged.
     *
     * <pre>{@code Suspend.after(Duration.ofSeconds(1), () -> id).then(found -> c -> repo.find(found, c))}</pre>
     *
     * @throws IllegalArgumentException if {@code next} is null; if it returns null, the call fails with one
     */
    @SuppressWarnings("unchecked")
    default <R> SuspendCall<R> then(Function<? super T, ? extends SuspendCall<R>> next) {
        if (next == null) {
            throw Failures.nullArgument("SuspendCall.then", "the next call", "call.then(user -> c -> repo.save(user, c))");
        }
        SuspendBlock self = this::invoke;
        Function<Object, SuspendBlock> following = value -> {
            SuspendCall<R> call = next.apply((T) value);
            if (call == null) {
                throw Failures.thenReturnedNull(value);
            }
            return call::invoke;
        };
        return c -> JavaSuspensions.then(self, following, c);
    }

    /**
     * Runs this call as the body of a Java implementation of a suspend function, handing it that function's
     * continuation: returns the value, or {@code COROUTINE_SUSPENDED} when the call suspended (the value then goes to
     * {@code continuation}). A failure is rethrown as it is, checked ones too, so the implementing method needs no
     * {@code throws} clause.
     *
     * <pre>{@code
     * @Override public Object find(String id, Continuation<? super User> c) {
     *     return Suspend.after(Duration.ofMillis(200), () -> users.get(id)).call(c);
     * }
     * }</pre>
     *
     * <p>{@code continuation} takes any continuation, not only a {@code Continuation<? super T>}: javac infers
     * {@code T} of {@code Suspend.never()}, {@code Suspend.value(List.of())}, an {@code after} whose callable only
     * throws, or a {@code then(...)} without looking at the {@code c} passed to {@code call(c)} (a receiver gets no
     * target type), and would ask for a type witness such as {@code Suspend.<User>never()}. The method it is the body
     * of returns {@code Object} anyway, so the value's type is the implementer's to keep, as with any value that
     * method returns.
     */
    @SuppressWarnings("unchecked")
    default Object call(Continuation<?> continuation) {
        try {
            return invoke((Continuation<? super T>) continuation);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }
}
