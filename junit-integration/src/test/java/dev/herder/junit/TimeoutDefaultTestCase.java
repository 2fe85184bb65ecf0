package dev.herder.junit;

import dev.herder.CoroutineTestScope;
import java.util.concurrent.CompletableFuture;
import kotlinx.coroutines.future.FutureKt;

/** Fixture: a hung test with no timeout of its own, so the configured default applies. */
class TimeoutDefaultTestCase {

    @CoroutineTest
    void hangsWithTheDefault(CoroutineTestScope scope) {
        CompletableFuture<String> never = new CompletableFuture<>();
        scope.await(c -> FutureKt.await(never, c));
    }
}
