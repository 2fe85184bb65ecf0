package dev.herder.samples.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;

import dev.herder.CoroutineTestScope;
import dev.herder.flow.FlowProbe;
import dev.herder.junit.CoroutineTest;
import dev.herder.mock.SuspendMocks;
import java.time.Duration;
import java.util.List;
import org.mockito.Mockito;

/** A debounced search, typed into from Java, its catalog a suspending mock, observed with a FlowProbe. */
class SearchBoxTest {
    private final Catalog catalog = SuspendMocks.mock(Catalog.class, "catalog");

    // README: search
    @CoroutineTest
    void onlyTheSettledQueryIsSearched(CoroutineTestScope scope) {
        SuspendMocks.whenever(catalog, (c, k) -> c.search(anyString(), k))
            .thenReturnAfter(Duration.ofMillis(200), List.of("cat", "catalog"));
        SearchBox box = new SearchBox(catalog);
        FlowProbe<List<String>> results = scope.probe(box.getResults(), "results");

        box.type("c");
        scope.advanceTimeBy(Duration.ofMillis(100));
        box.type("ca");
        scope.advanceTimeBy(Duration.ofMillis(100));
        box.type("cat");

        assertThat(results.awaitItem()).containsExactly("cat", "catalog");
        assertThat(scope.currentTime()).isEqualTo(200 + 300 + 200);            // typing, debounce, search
        SuspendMocks.verify(catalog, (c, k) -> c.search(eq("cat"), k));         // "c" and "ca" never searched
        SuspendMocks.verify(catalog, Mockito.times(1), (c, k) -> c.search(anyString(), k));
        results.cancelAndIgnoreRemainingEvents();
    }
    // README: end
}
