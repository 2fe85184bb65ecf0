package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.herder.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** {@code @ExploreSchedules}, run through the JUnit Platform TestKit. */
@Isolated("reads a fixture's static record")
class ExploreSchedulesTests {
    private static Events run(String method, String baseSeed) {
        var kit = EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(ExploreSchedulesTestCase.class, method, "dev.herder.CoroutineTestScope"));
        if (baseSeed != null) {
            kit = kit.configurationParameter("herder.schedule.seed", baseSeed);
        }
        return kit.execute().testEvents();
    }

    private static List<Schedule> schedulesOfARun(String baseSeed) {
        ExploreSchedulesTestCase.SEEN.clear();
        run("recordsItsSchedule", baseSeed).assertStatistics(stats -> stats.succeeded(5).failed(0));
        return new ArrayList<>(ExploreSchedulesTestCase.SEEN);
    }

    @Test
    void eachInvocationRunsUnderItsOwnShuffledSeedNamedInHexadecimal() {
        ExploreSchedulesTestCase.SEEN.clear();
        Events events = run("recordsItsSchedule", "0x5EED");
        List<String> names = events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertThat(names).hasSize(5).allMatch(n -> n.matches("seed=0x[0-9A-F]{16}"));
        assertThat(ExploreSchedulesTestCase.SEEN).allMatch(Schedule::isShuffled).doesNotHaveDuplicates();
    }

    @Test
    void aFixedBaseSeedGivesTheSameSeedsAndARandomOneOthers() {
        assertThat(schedulesOfARun("0x5EED")).isEqualTo(schedulesOfARun("0x5EED"));
        assertThat(schedulesOfARun("24301")).as("0x5EED in decimal").isEqualTo(schedulesOfARun("0x5EED"));
        assertThat(schedulesOfARun("12345")).isNotEqualTo(schedulesOfARun("0x5EED"));
        assertThat(schedulesOfARun(null)).isNotEqualTo(schedulesOfARun(null));
    }

    @Test
    void seedsReplayExactlyTheGivenSeeds() {
        Events events = run("replaysExactlyTheseSeeds", null);
        events.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
            .containsExactly("seed=0x0000000000005EED", "seed=0x000000000000002A");
    }

    @Test
    void aFailingInvocationFailsWithTheTestsOwnErrorAndAReplayHint() {
        Events events = run("failsInSomeOrders", "0x5EED");
        List<Event> failed = events.failed().list();
        assertThat(failed).isNotEmpty();
        assertThat(events.succeeded().count()).isPositive();
        for (Event event : failed) {
            Throwable failure = event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            String seed = event.getTestDescriptor().getDisplayName().substring("seed=".length());
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("\"ba\"");
            assertThat(failure.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
                .contains("@ExploreSchedules(seeds = {" + seed + "L})", "Schedule.shuffled(" + seed + "L)"));
        }
    }

    @Test
    void runsBelowOneIsAConfigurationError() {
        Events events = EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(ExploreSchedulesTestCase.class, "noRuns", "dev.herder.CoroutineTestScope"))
            .execute().containerEvents();
        assertThat(events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow()
            .getThrowable().orElseThrow())).singleElement().isInstanceOf(ExtensionConfigurationException.class)
            .extracting(Throwable::getMessage).isEqualTo("Configuration error: @ExploreSchedules on method [void "
                + "dev.herder.junit.ExploreSchedulesTestCase.noRuns(dev.herder.CoroutineTestScope)] must declare runs "
                + "as a positive number, but was 0.");
    }
}
