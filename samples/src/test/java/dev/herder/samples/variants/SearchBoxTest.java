package dev.herder.samples.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.ExploreSchedules;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Races that live in timing: jittered delays find the stale search result that exact delays never show. */
class SearchBoxTest {
    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(StaleSearchTestCase.class, method, CoroutineTestScope.class.getName()))
            .execute().testEvents();
    }

    @Test
    void jitteredDelaysFindTheStaleResultAndSayHowToReplayIt() {
        Events events = run("showsTheResultsOfTheLastKeystroke");
        assertThat(events.failed().count()).as("seeds under which 't' answered after 'te'").isPositive();
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
            .contains(".withDelayJitter(25)", "delayJitter = 25, ", "each delay stretched or shrunk by up to 25 %"));
    }

    @Test
    void exactDelaysNeverShowIt() {
        assertThat(run("showsTheResultsOfTheLastKeystrokeWithExactDelays").failed().count()).isZero();
    }

    @ExploreSchedules(runs = 30, delayJitter = 25)
    void theBoxThatCancelsTheOlderSearchShowsTheLastKeystrokeUnderEveryJitter(CoroutineTestScope scope) {
        SearchBox box = new LatestSearchBox(new FakeSearchBackend(), scope.coroutineScope());
        box.type("t");
        scope.advanceTimeBy(Duration.ofMillis(10));
        box.type("te");
        scope.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(box.getShown()).containsExactly("tea", "teapot");
    }
}
