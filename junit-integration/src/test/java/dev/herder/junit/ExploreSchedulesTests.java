package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.herder.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** {@code @ExploreSchedules}, run through the JUnit Platform TestKit. */
@Isolated("reads a fixture's static record")
class ExploreSchedulesTests {
    private static Events run(String method, String baseSeed) {
        return execute(method, baseSeed == null ? Map.of() : Map.of("herder.schedule.seed", baseSeed)).testEvents();
    }

    private static EngineExecutionResults execute(String method, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(ExploreSchedulesTestCase.class, method, "dev.herder.CoroutineTestScope"))
            .configurationParameters(parameters).execute();
    }

    private static List<Schedule> schedulesOfARun(String baseSeed) {
        ExploreSchedulesTestCase.SEEN.clear();
        run("recordsItsSchedule", baseSeed).assertStatistics(stats -> stats.succeeded(5).failed(0));
        return new ArrayList<>(ExploreSchedulesTestCase.SEEN);
    }

    private static List<Schedule> schedulesOf(String method, Map<String, String> parameters) {
        ExploreSchedulesTestCase.SEEN.clear();
        execute(method, parameters).testEvents().assertStatistics(stats -> stats.failed(0));
        return new ArrayList<>(ExploreSchedulesTestCase.SEEN);
    }

    /** The one configuration error a run of {@code method} fails with. */
    private static String configurationError(String method, Map<String, String> parameters) {
        EngineExecutionResults results = execute(method, parameters);
        return java.util.stream.Stream.concat(results.containerEvents().failed().stream(), results.testEvents().failed().stream())
            .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
            .peek(t -> assertThat(t).isInstanceOf(ExtensionConfigurationException.class))
            .map(Throwable::getMessage).findFirst().orElseThrow();
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
                .contains("@ExploreSchedules(strategy = Strategy.PCT, depth = 3, seeds = {" + seed + "L})",
                    "Schedule.pct(" + seed + "L, 3)"));
        }
    }

    private static List<String> hintsOfFailures(Events events) {
        return events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
            .orElseThrow()).peek(t -> assertThat(t).hasMessageContaining("\"ba\"")).map(t -> {
                assertThat(t.getSuppressed()).hasSize(1);
                return t.getSuppressed()[0].getMessage();
            }).toList();
    }

    @Test
    void onlyTheFirstFailingInvocationIsShrunkByRunningTheMethodAgainAndItsReplayFailsTheSameWay() {
        List<String> hints = hintsOfFailures(run("failsInSomeOrders", "0x5EED"));
        assertThat(hints).hasSizeGreaterThan(1);
        assertThat(hints.get(0)).contains("\nShrunk in ", "it fails the same way with 1 deviation from kotlinx's "
            + "arrival order", "Replay it with @ExploreSchedules(replay = \"1:2\") or "
            + "TestOptions.defaults().withSchedule(Schedule.replay(\"1:2\"))");
        assertThat(hints.subList(1, hints.size())).allSatisfy(hint -> assertThat(hint)
            .contains("\nNot shrunk: its shrink budget is 0 runs").doesNotContain("Shrunk in"));

        Events replayed = run("replaysAShrunkOrder", null);
        replayed.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(replayed.started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
            .containsExactly("replay=1:2");
        assertThat(hintsOfFailures(replayed)).singleElement().asString()
            .startsWith("This failure happened under Schedule.replay(\"1:2\")")
            .contains("Where it deviates from kotlinx's order", "runs (2nd of 2): starts", "waits to start");
    }

    private static final Map<String, String> PARALLEL = Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    private static Set<String> failedSeeds(Map<String, String> parameters) {
        Set<String> seeds = new TreeSet<>();
        execute("failsInSomeOrders", parameters).testEvents().failed().stream()
            .map(e -> e.getTestDescriptor().getDisplayName()).forEach(seeds::add);
        return seeds;
    }

    @Test
    void anExplorationRunsItsInvocationsConcurrentlyUnderJUnitsParallelExecutionAndFailsTheSameSeeds() {
        Set<String> sequential = failedSeeds(Map.of("herder.schedule.seed", "0x5EED"));
        Map<String, String> parallel = new java.util.HashMap<>(PARALLEL);
        parallel.put("herder.schedule.seed", "0x5EED");
        assertThat(sequential).isNotEmpty();
        assertThat(failedSeeds(parallel)).isEqualTo(sequential);

        List<Schedule> inParallel = schedulesOf("recordsTenSchedules", parallel);
        assertThat(inParallel).hasSize(10).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(schedulesOf("recordsTenSchedules", Map.of("herder.schedule.seed", "0x5EED")));

        // two invocations that each wait for the other pass only if they run at the same time
        ExploreSchedulesTestCase.meeting = new java.util.concurrent.CountDownLatch(2);
        execute("meetsAnotherInvocation", PARALLEL).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    @Test
    void theShrinkParameterSetsTheBudgetOrTurnsShrinkingOff() {
        assertThat(hintsOfFailures(execute("failsInSomeOrders", Map.of("herder.schedule.seed", "0x5EED",
            "herder.schedule.shrink", "off")).testEvents()))
            .allSatisfy(hint -> assertThat(hint).contains("\nNot shrunk: its shrink budget is 0 runs"));
        assertThat(hintsOfFailures(execute("failsInSomeOrders", Map.of("herder.schedule.seed", "0x5EED",
            "herder.schedule.shrink", "1/5s")).testEvents()).get(0))
            .contains("\nShrunk in 1 run (", "until the shrink budget ran out");
        assertThat(configurationError("failsInSomeOrders", Map.of("herder.schedule.shrink", "lots")))
            .isEqualTo("Configuration error: herder.schedule.shrink must be runs/time (such as 200/5s, the default: at "
                + "most 200 runs and 5 seconds), runs alone (200), or off, but was 'lots'.");
    }

    @Test
    void aReplayWithSeedsOrAStrategyOrAMalformedOneIsAConfigurationError() {
        assertThat(configurationError("replayWithSeeds", Map.of())).isEqualTo("Configuration error: @ExploreSchedules "
            + "on method [void dev.herder.junit.ExploreSchedulesTestCase.replayWithSeeds(dev.herder.CoroutineTestScope)] "
            + "declares replay = \"1:2\" and seeds, strategy: a replay runs exactly that recorded order, once, and "
            + "nothing else. Drop seeds, strategy to replay, or drop replay to explore.");
        assertThat(configurationError("malformedReplay", Map.of())).startsWith("Configuration error: @ExploreSchedules "
            + "on method [void dev.herder.junit.ExploreSchedulesTestCase.malformedReplay(dev.herder.CoroutineTestScope)]: "
            + "Schedule.replay(\"1-2\") cannot be read: \"1-2\" is not choicePoint:position or choicePoint:last.");
    }

    @Test
    void anExplorationThatDeclaresNoStrategyRunsPctOfDepthThree() {
        assertThat(schedulesOfARun("0x5EED")).hasSize(5)
            .allSatisfy(schedule -> assertThat(schedule).isEqualTo(Schedule.pct(schedule.seed(), 3)));
    }

    @Test
    void theStrategyParameterChoosesTheStrategyOfExplorationsThatDeclareNone() {
        assertThat(schedulesOf("recordsItsSchedule", Map.of("herder.schedule.strategy", "pos")))
            .hasSize(5).allMatch(s -> s.strategy() == Schedule.Strategy.POS);
        assertThat(schedulesOf("recordsItsSchedule", Map.of("herder.schedule.strategy", " Shuffled ")))
            .hasSize(5).allMatch(s -> s.strategy() == Schedule.Strategy.SHUFFLED);
        assertThat(schedulesOf("recordsItsSchedule", Map.of("herder.schedule.strategy", "pct:2")))
            .hasSize(5).allMatch(s -> s.equals(Schedule.pct(s.seed(), 2)));
    }

    @Test
    void theAnnotationsStrategyAndDepthWinOverTheParameter() {
        assertThat(schedulesOf("recordsItsPosSchedule", Map.of("herder.schedule.strategy", "shuffled")))
            .hasSize(5).allMatch(s -> s.strategy() == Schedule.Strategy.POS);
        assertThat(schedulesOf("recordsAReplayedPctSchedule", Map.of("herder.schedule.strategy", "pct:5")))
            .containsExactly(Schedule.pct(0x5EEDL, 2));
    }

    @Test
    void aBadStrategyParameterIsAConfigurationErrorThatListsTheStrategies() {
        for (String bad : List.of("random", "pos:2", "pct:0", "pct:x", "configured")) {
            assertThat(configurationError("recordsItsSchedule", Map.of("herder.schedule.strategy", bad)))
                .isEqualTo("Configuration error: herder.schedule.strategy must be one of shuffled, pct, pct:<depth> "
                    + "(a depth from 1 to 8, such as pct:2) or pos, but was '" + bad + "'.");
        }
    }

    @Test
    void aDepthWithAnotherStrategyOrOutOfRangeIsAConfigurationError() {
        assertThat(configurationError("depthWithPos", Map.of())).isEqualTo("Configuration error: @ExploreSchedules on "
            + "method [void dev.herder.junit.ExploreSchedulesTestCase.depthWithPos(dev.herder.CoroutineTestScope)] "
            + "declares depth = 2, which only PCT has, but its strategy is POS. Drop depth, or declare strategy = "
            + "Strategy.PCT.");
        assertThat(configurationError("depthZero", Map.of())).isEqualTo("Configuration error: @ExploreSchedules on "
            + "method [void dev.herder.junit.ExploreSchedulesTestCase.depthZero(dev.herder.CoroutineTestScope)] must "
            + "declare depth from 1 to 8, but was 0.");
    }

    @Test
    void aDelayJitterOutOfRangeIsAConfigurationError() {
        assertThat(configurationError("jitterTooWide", Map.of())).isEqualTo("Configuration error: @ExploreSchedules on "
            + "method [void dev.herder.junit.ExploreSchedulesTestCase.jitterTooWide(dev.herder.CoroutineTestScope)] must "
            + "declare delayJitter from 0 to 50 (percent of each delay; 10 to 25 finds most latency races), but was 60.");
    }

    @Test
    void aDelayJitterReachesEverySeedsSchedule() {
        assertThat(schedulesOf("jitteredTwice", Map.of())).hasSize(2)
            .allSatisfy(schedule -> assertThat(schedule.delayJitter()).isEqualTo(20));
    }

    @Test
    void fourShardsRunDisjointSeedsWhoseUnionIsExactlyTheSeedsOfOneRun() {
        Set<Long> unsharded = seedsOf(schedulesOf("recordsTenSchedules", Map.of("herder.schedule.seed", "0x5EED")));
        assertThat(unsharded).hasSize(10);
        Set<Long> union = new TreeSet<>();
        int total = 0;
        for (int k = 1; k <= 4; k++) {
            List<Schedule> shard = schedulesOf("recordsTenSchedules",
                Map.of("herder.schedule.seed", "0x5EED", "herder.schedule.shard", k + "/4"));
            assertThat(shard).hasSize(k <= 2 ? 3 : 2);
            total += shard.size();
            union.addAll(seedsOf(shard));
        }
        assertThat(total).as("no seed runs on two shards").isEqualTo(10);
        assertThat(union).isEqualTo(unsharded);
    }

    @Test
    void aShardOfASmallExplorationMayRunNothing() {
        assertThat(schedulesOf("recordsItsSchedule", Map.of("herder.schedule.seed", "1", "herder.schedule.shard", "7/8")))
            .isEmpty();
    }

    @Test
    void replayedSeedsRunOnEveryShard() {
        assertThat(schedulesOf("recordsAReplayedPctSchedule", Map.of("herder.schedule.seed", "1",
            "herder.schedule.shard", "3/4"))).containsExactly(Schedule.pct(0x5EEDL, 2));
    }

    @Test
    void aShardWithoutABaseSeedOrNotOfTheFormKOfNIsAConfigurationError() {
        assertThat(configurationError("recordsItsSchedule", Map.of("herder.schedule.shard", "1/4"))).isEqualTo(
            "Configuration error: herder.schedule.shard=1/4 needs herder.schedule.seed too: the shards of one "
                + "exploration must share its base seed to split its seeds between them. Set herder.schedule.seed to "
                + "the same value on every shard (such as the CI build number).");
        for (String bad : List.of("0/4", "5/4", "1-4", "a/b")) {
            assertThat(configurationError("recordsItsSchedule", Map.of("herder.schedule.seed", "1",
                "herder.schedule.shard", bad))).isEqualTo("Configuration error: herder.schedule.shard must be k/n, "
                + "shard k of n counted from 1 (such as 2/4), but was '" + bad + "'.");
        }
    }

    private static Set<Long> seedsOf(List<Schedule> schedules) {
        Set<Long> seeds = new TreeSet<>();
        schedules.forEach(s -> seeds.add(s.seed()));
        return seeds;
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
