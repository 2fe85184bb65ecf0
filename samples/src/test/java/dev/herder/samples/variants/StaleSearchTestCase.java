package dev.herder.samples.variants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.ExploreSchedules;
import java.time.Duration;
import java.util.List;

/**
 * Deliberately failing: "t" answers in 100 ms, "te" 10 ms later in 95 ms, so under kotlinx's timing "te" always answers
 * last and the test passes. Jittered delays let "t" answer last, and the box shows stale results. {@link SearchBoxTest}
 * runs this through the TestKit. Not run by Surefire directly.
 */
class StaleSearchTestCase {
    // README: latency
    @ExploreSchedules(runs = 30, delayJitter = 25)
    void showsTheResultsOfTheLastKeystroke(CoroutineTestScope scope) {
        SearchBox box = new SearchBox(new FakeSearchBackend(), scope.coroutineScope());
        box.type("t");
        scope.advanceTimeBy(Duration.ofMillis(10));
        box.type("te");
        scope.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(box.getShown()).containsExactly("tea", "teapot");
    }
    // README: end

    @ExploreSchedules(runs = 30)
    void showsTheResultsOfTheLastKeystrokeWithExactDelays(CoroutineTestScope scope) {
        SearchBox box = new SearchBox(new FakeSearchBackend(), scope.coroutineScope());
        box.type("t");
        scope.advanceTimeBy(Duration.ofMillis(10));
        box.type("te");
        scope.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(box.getShown()).isEqualTo(List.of("tea", "teapot"));
    }
}
