package dev.herder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.Coroutines;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** kotlinx.coroutines' documented operator examples, at the virtual instants their docs imply. */
class DocumentedOperatorsTest {

    private static void expectItemAt(FlowProbe<Integer> probe, CoroutineTestScope scope, int item, long at) {
        assertThat(probe.awaitItem()).isEqualTo(item);
        assertThat(scope.currentTime()).as("virtual instant of %s", item).isEqualTo(at);
    }

    @Test
    void debounceProducesThreeFourFive() {
        // README: debounce
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.debounceExample(), "debounce");
            expectItemAt(probe, scope, 3, 1_180);   // 3 emitted at 180, quiet for 1000 ms
            expectItemAt(probe, scope, 4, 2_190);   // 4 emitted at 1190
            expectItemAt(probe, scope, 5, 2_200);   // the last value is emitted when the flow completes
            probe.awaitComplete();
        });
        // README: end
    }

    @Test
    void sampleProducesOneThreeFiveSevenNine() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.sampleExample(), "sample");
            expectItemAt(probe, scope, 1, 200);
            expectItemAt(probe, scope, 3, 400);
            expectItemAt(probe, scope, 5, 600);
            expectItemAt(probe, scope, 7, 800);
            expectItemAt(probe, scope, 9, 1_000);
            probe.awaitComplete();
            assertThat(scope.currentTime()).isEqualTo(1_100);
        });
    }

    @Test
    void timeoutFiresOneHundredMillisAfterTheLastItem() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.timeoutExample(), "timeout");
            expectItemAt(probe, scope, 1, 0);
            expectItemAt(probe, scope, 2, 50);
            expectItemAt(probe, scope, 3, 100);
            expectItemAt(probe, scope, -1, 200);
            probe.awaitComplete();
        });
    }

    @Test
    void retryWhenBacksOffOneSecondPerAttempt() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.retryExample(), "retry");
            expectItemAt(probe, scope, 1, 0);
            expectItemAt(probe, scope, 2, 1_000);
            expectItemAt(probe, scope, 3, 2_000);
            probe.awaitComplete();
        });
    }

    @Test
    void aDebouncedSearchAnswersThreeHundredMillisAfterTheLastKeystroke() {
        SearchModel search = new SearchModel();
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<String> results = scope.probe(search.getResults(), "results");
            search.type("c");
            scope.advanceTimeBy(Duration.ofMillis(100));
            search.type("ca");
            scope.advanceTimeBy(Duration.ofMillis(100));
            search.type("cat");
            assertThat(results.awaitItem()).isEqualTo("results for cat");
            assertThat(scope.currentTime()).isEqualTo(500);
            results.cancelAndIgnoreRemainingEvents();
        });
    }
}
