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
        add(Answers.valueAfter(delay, value));
        return this;
    }

    @Override
    public final SuspendStubbing<T> thenSuspendUntil(Gate<? extends T> gate) {
        add(Answers.gate(gate));
        return this;
    }

    @Override
    public final SuspendStubbing<T> thenNeverReturn() {
        add(Answers.never());
        return this;
    }

    @Override
    public final SuspendStubbing<T> thenAnswer(SuspendAnswer<? extends T> answer) {
        add(Answers.custom(answer));
        return this;
    }

    @Override
    public final SuspendStubbing<T> thenInvokeBlockWith(Object... blockArguments) {
        add(Answers.block(blockArguments, scopes));
        return this;
    }

    @Override
    public final BlockScopes blockScopes() {
        return scopes;
    }
}
