package dev.herder.samples.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.junit.DispatcherTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Event-loop variants: the dispatcher matrix finds a race that a single-threaded test never shows. */
class VisitCounterTest {

    @Test
    void theRacyCounterPassesOnOneThreadAndLosesVisitsInParallel() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RacyVisitCounterTestCase.class))
            .execute().testEvents();
        List<String> passed = events.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        List<String> failed = events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertThat(passed).contains("[STANDARD_TEST]", "[SINGLE_THREAD]");
        assertThat(failed).as("lost updates show up when visits run on several threads").isNotEmpty()
            .isSubsetOf("[DEFAULT]", "[IO]");
    }

    @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.SINGLE_THREAD, DispatcherKind.DEFAULT, DispatcherKind.IO,
        DispatcherKind.VIRTUAL_THREADS})
    void theAtomicCounterCountsEveryVisitOnEveryKind(CoroutineTestScope scope) {
        AtomicVisitCounter counter = new AtomicVisitCounter();
        List<CompletableFuture<Object>> visitors = new ArrayList<>();
        for (int v = 0; v < RacyVisitCounterTestCase.VISITORS; v++) {
            visitors.add(scope.future(c -> {
                for (int i = 0; i < RacyVisitCounterTestCase.VISITS; i++) {
                    counter.visit();
                }
                return null;
            }));
        }
        visitors.forEach(scope::await);
        assertThat(counter.getCount()).isEqualTo(RacyVisitCounterTestCase.VISITORS * RacyVisitCounterTestCase.VISITS);
    }
}
