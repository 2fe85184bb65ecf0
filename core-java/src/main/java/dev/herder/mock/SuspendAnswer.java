package dev.herder.mock;

import kotlin.coroutines.Continuation;

/**
 * A stub answer that may itself suspend: given the call's arguments (without the continuation) it returns a value,
 * throws, or returns {@code COROUTINE_SUSPENDED} after handing {@code continuation} to a suspend function.
 *
 * <pre>{@code
 * .thenAnswer((args, c) -> "user-" + args[0])                          // answers at once
 * .thenAnswer((args, c) -> otherRepo.find((String) args[0], c))        // answers by suspending
 * }</pre>
 *
 * @param <T> what the stubbed suspend function returns
 */
@FunctionalInterface
public interface SuspendAnswer<T> {
    /**
     * Answers one call.
     *
     * @param arguments the call's arguments, without the trailing continuation
     * @param continuation the caller's continuation, for answers that suspend
     * @throws Throwable what the stubbed function should throw
     */
    Object answer(Object[] arguments, Continuation<? super T> continuation) throws Throwable;
}
