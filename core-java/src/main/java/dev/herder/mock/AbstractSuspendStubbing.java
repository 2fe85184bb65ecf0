package dev.herder.mock;

import dev.herder.Gate;
import dev.herder.bridge.StubAnswer;
import java.time.Duration;
import java.util.function.Function;

/** The stubbing vocabulary, once for both flavours; a flavour only says how to append an answer. */
abstract class AbstractSuspendStubbing<T> implements SuspendStubbing<T> {
    private final BlockScopes scopes = new BlockScopes();

    /** Appends {@code answer} as the answer to the next call (the last one repeats). */
    abstract void add(StubAnswer answer);

    @Override
    @SafeVarargs
    public final SuspendStubbing<T> thenReturn(T first, T... more) {
        return addEach(first, more, Answers::value);
    }

    @Override
    public final SuspendStubbing<T> thenThrow(Throwable first, Throwable... more) {
        return addEach(first, more, Answers::failure);
    }

    /** Appends {@code answer}; returns this stubbing, for the next answer. */
    private SuspendStubbing<T> then(StubAnswer answer) {
        add(answer);
        return this;
    }

    /** Appends one answer for {@code first} and one for each of {@code more} (null: none), in order. */
    private <V> SuspendStubbing<T> addEach(V first, V[] more, Function<V, StubAnswer> answer) {
        add(answer.apply(first));
        if (more != null) {
            for (V each : more) {
                add(answer.apply(each));
            }
        }
        return this;
    }

    @Override
    public final SuspendStubbing<T> thenReturnAfter(Duration delay, T value) {
        return then(Answers.valueAfter(delay, value));
    }

    @Override
    public final SuspendStubbing<T> thenSuspendUntil(Gate<? extends T> gate) {
        return then(Answers.gate(gate));
    }

    @Override
    public final SuspendStubbing<T> thenNeverReturn() {
        return then(Answers.never());
    }

    @Override
    public final SuspendStubbing<T> thenAnswer(SuspendAnswer<? extends T> answer) {
        return then(Answers.custom(answer));
    }

    @Override
    public final SuspendStubbing<T> thenInvokeBlockWith(Object... blockArguments) {
        return then(Answers.block(blockArguments, scopes));
    }

    @Override
    public final BlockScopes blockScopes() {
        return scopes;
    }
}
