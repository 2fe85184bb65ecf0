package dev.herder.mock;

import kotlin.coroutines.Continuation;

/**
 * A call of a suspend function on a mock, written as a lambda with the mock first: {@code (r, c) -> r.find("id", c)}.
 * The framework's argument matchers work inside it ({@code r.find(eq("id"), c)}); pass the continuation {@code c} as
 * the last argument, unchanged.
 *
 * @param <M> the mock's type
 * @param <T> what the suspend function returns
 */
@FunctionalInterface
public interface MockCall<M, T> {
    /**
     * Calls the suspend function on {@code mock}.
     *
     * @throws Throwable whatever the call throws
     */
    Object invoke(M mock, Continuation<? super T> continuation) throws Throwable;
}
