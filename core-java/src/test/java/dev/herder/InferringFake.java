package dev.herder;

import dev.herder.fakes.Catalog;
import dev.herder.fakes.User;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import kotlin.coroutines.Continuation;

/**
 * A Java fake of a Kotlin interface whose bodies are the forms javac must accept as written, with no type witness
 * ({@code Suspend.<User>never()}) and no cast: a delayed failure, a call that never returns, an empty list, a failure
 * after another call. If inference of any of them regresses, this file stops compiling and the build fails;
 * {@link FakeBodiesWithoutTypeWitnessesTest} also compiles it with {@code -Xlint:all -Werror}, so an unchecked
 * warning fails too. Keep the expressions exactly as they are.
 */
final class InferringFake implements Catalog {
    static final Duration LATENCY = Duration.ofSeconds(1);
    static final IOException GONE = new IOException("gone");

    @Override
    public Object find(String id, Continuation<? super User> c) {
        return Suspend.after(LATENCY, () -> { throw new IOException("no user " + id); }).call(c);
    }

    @Override
    public Object all(Continuation<? super List<User>> c) {
        return Suspend.value(List.of()).call(c);
    }

    @Override
    public Object watch(String id, Continuation<? super User> c) {
        return Suspend.never().call(c);
    }

    @Override
    public Object refresh(String id, Continuation<? super User> c) {
        return Suspend.delay(LATENCY).then(u -> Suspend.failure(GONE)).call(c);
    }
}
