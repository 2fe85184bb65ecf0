package dev.herder;

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
}
