package dev.herder.samples.variants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.junit.DispatcherTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Deliberately failing: a counter that is correct on one thread loses visits when the same coroutines run in parallel.
 * {@link VisitCounterTest} runs this through the TestKit. Not run by Surefire directly.
 */
class RacyVisitCounterTestCase {
    static final int VISITORS = 16;
    static final int VISITS = 5_000;

    // README: variants
    @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.SINGLE_THREAD, DispatcherKind.DEFAULT, DispatcherKind.IO})
    void countsEveryVisit(CoroutineTestScope scope) {
        RacyVisitCounter counter = new RacyVisitCounter();
        CountDownLatch together = new CountDownLatch(2);   // where threads allow, two visitors overlap for sure
        List<CompletableFuture<Object>> visitors = new ArrayList<>();
        for (int v = 0; v < VISITORS; v++) {
            visitors.add(scope.future(c -> {
                together.countDown();
                together.await(200, TimeUnit.MILLISECONDS);
                for (int i = 0; i < VISITS; i++) {
                    counter.visit();
                }
                return null;
            }));
        }
        visitors.forEach(scope::await);
        assertThat(counter.getCount()).isEqualTo(VISITORS * VISITS);
    }
    // README: end
}
