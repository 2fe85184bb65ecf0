package dev.herder.mock;

import org.jetbrains.annotations.ApiStatus;

/** The calls of one ordered mockk verification, listed in the order they must have happened. */
@FunctionalInterface
public interface OrderedCalls {
    /** Records the expected calls, in order, with {@link Calls#call(Object, MockCall)}. */
    void record(Calls calls) throws Throwable;

    /** Where expected calls are listed: Herder hands one to {@link #record}; not for implementation. */
    @ApiStatus.NonExtendable
    interface Calls {
        /** Expects {@code call} on {@code mock} next. */
        <M> void call(M mock, MockCall<M, ?> call);
    }
}
