package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import kotlinx.coroutines.DelayKt;

/** Fixture: one test run on several dispatchers. */
class DispatcherTestTestCase {

    @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.UNCONFINED_TEST, DispatcherKind.DEFAULT,
        DispatcherKind.IO, DispatcherKind.SINGLE_THREAD, DispatcherKind.VIRTUAL_THREADS})
    void countsEveryVisit(CoroutineTestScope scope) {
        AtomicInteger visits = new AtomicInteger();
        CompletableFuture<?>[] visitors = new CompletableFuture<?>[50];
        for (int i = 0; i < visitors.length; i++) {
            visitors[i] = scope.future(c -> {
                visits.incrementAndGet();
                return DelayKt.delay(1, c);
            });
        }
        for (CompletableFuture<?> visitor : visitors) {
            scope.await(visitor);
        }
        assertThat(visits).hasValue(50);
    }
}
