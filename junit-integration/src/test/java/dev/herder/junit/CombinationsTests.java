package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Schedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Herder's annotations together on one method: each attribute is honoured, or the combination is a configuration
 * error that says what to write instead. Nothing is silently dropped.
 */
@Isolated("reads a fixture's static record")
class CombinationsTests {
    private static final String FIXTURE = "dev.herder.junit.CombinationsTestCase.";

    private static Events run(String method) {
        CombinationsTestCase.SEEN.clear();
        return EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(CombinationsTestCase.class, method, "dev.herder.CoroutineTestScope"))
            .execute().allEvents();
    }

    private static List<String> ranNames(Events events) {
        return events.succeeded().stream().filter(e -> e.getTestDescriptor().isTest())
            .map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    /** The failures of every test and container of the run: a configuration error fails each part that runs. */
    private static List<Throwable> failures(Events events) {
        return events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
            .orElseThrow()).toList();
    }

    private static void assertConfigurationError(Events events, int parts, String message) {
        assertThat(ranNames(events)).as("invocations that ran anyway").isEmpty();
        assertThat(failures(events)).hasSize(parts).allSatisfy(failure -> assertThat(failure)
            .isInstanceOf(ExtensionConfigurationException.class).hasMessage(message));
        assertThat(CombinationsTestCase.SEEN).as("runs of the method body").isEmpty();
    }

    @Test
    void exploreSchedulesWithDispatcherTestRunsEverySeedOnEveryListedTestDispatcher() {
        Events events = run("exploresOnEveryTestDispatcher");
        assertThat(ranNames(events)).containsExactly("[STANDARD_TEST] seed=0x0000000000005EED",
            "[STANDARD_TEST] seed=0x000000000000002A", "[UNCONFINED_TEST] seed=0x0000000000005EED",
            "[UNCONFINED_TEST] seed=0x000000000000002A");
        assertThat(CombinationsTestCase.SEEN).extracting(CombinationsTestCase.Seen::schedule).containsExactly(
            Schedule.pct(0x5EEDL, 3), Schedule.pct(42L, 3), Schedule.pct(0x5EEDL, 3), Schedule.pct(42L, 3));
        assertThat(CombinationsTestCase.SEEN).as("eager launches: UNCONFINED_TEST").extracting(CombinationsTestCase.Seen::eager)
            .containsExactly(false, false, true, true);
    }

    @Test
    void exploreSchedulesWithDispatcherTestKeepsTheDispatcherTestsTimeout() {
        assertThat(failures(run("hangsPastTheDispatcherTestsTimeout"))).singleElement()
            .isInstanceOf(CoroutineTestTimeoutError.class).extracting(Throwable::getMessage).asString()
            .startsWith("Coroutine test [UNCONFINED_TEST] seed=0x0000000000000001 timed out after 300 ms");
    }

    @Test
    void exploreSchedulesWithDispatcherTestKeepsTheExplorationsFailOnNeverAwaited() {
        Events events = run("leavesAFutureUnawaitedOnPurpose");
        assertThat(failures(events)).isEmpty();
        assertThat(ranNames(events)).containsExactly("[STANDARD_TEST] seed=0x0000000000000001");
    }

    @Test
    void exploreSchedulesWithARealDispatcherKindIsAConfigurationErrorNamingTheKind() {
        assertConfigurationError(run("exploresOnIo"), 1, "Configuration error: @ExploreSchedules on method [void "
            + FIXTURE + "exploresOnIo(dev.herder.CoroutineTestScope)] must run on test dispatchers only, but "
            + "@DispatcherTest names IO, which runs on real time, where threads decide the order: a shuffled schedule "
            + "orders the tasks due at one virtual instant. List only STANDARD_TEST and UNCONFINED_TEST in "
            + "@DispatcherTest({...}), or test the real dispatchers in a method of their own.");
    }

    @Test
    void exploreSchedulesWithDispatcherTestOfEveryKindIsAConfigurationError() {
        assertConfigurationError(run("exploresOnEveryKind"), 1, "Configuration error: @ExploreSchedules on method "
            + "[void " + FIXTURE + "exploresOnEveryKind(dev.herder.CoroutineTestScope)] must run on test dispatchers "
            + "only, but @DispatcherTest (no list: every kind) names DEFAULT, IO, UNCONFINED, SINGLE_THREAD, "
            + "VIRTUAL_THREADS, which run on real time, where threads decide the order: a shuffled schedule orders the "
            + "tasks due at one virtual instant. List only STANDARD_TEST and UNCONFINED_TEST in @DispatcherTest({...}), "
            + "or test the real dispatchers in a method of their own.");
    }

    @Test
    void twoDifferentTimeoutsAreAConfigurationError() {
        assertConfigurationError(run("twoTimeouts"), 1, "Configuration error: @ExploreSchedules on method [void "
            + FIXTURE + "twoTimeouts(dev.herder.CoroutineTestScope)] must not declare a timeout other than "
            + "@DispatcherTest's, but they declare '1 s' and '2 s'. Declare the timeout on one of the two.");
    }

    @Test
    void coroutineTestWithExploreSchedulesIsAConfigurationErrorInsteadOfAnExtraFifoRun() {
        assertConfigurationError(run("coroutineTestAndExploration"), 2, "Configuration error: @CoroutineTest on "
            + "method [void " + FIXTURE + "coroutineTestAndExploration(dev.herder.CoroutineTestScope)] must not be "
            + "combined with @ExploreSchedules: @CoroutineTest makes the method a test of its own, which would run once "
            + "more, under the fifo schedule, besides the invocations of @ExploreSchedules. Drop @CoroutineTest and "
            + "declare its attributes on @ExploreSchedules (timeout, failOnNeverAwaited, virtualDispatchers).");
    }

    @Test
    void coroutineTestWithDispatcherTestIsAConfigurationErrorInsteadOfAnExtraRun() {
        assertConfigurationError(run("coroutineTestAndDispatcherTest"), 2, "Configuration error: @CoroutineTest on "
            + "method [void " + FIXTURE + "coroutineTestAndDispatcherTest(dev.herder.CoroutineTestScope)] must not be "
            + "combined with @DispatcherTest: @CoroutineTest makes the method a test of its own, which would run once "
            + "more, on one dispatcher, besides the invocations of @DispatcherTest. Drop @CoroutineTest and declare "
            + "its attributes on @DispatcherTest (timeout, failOnNeverAwaited; the dispatcher in its list).");
    }

    @Test
    void aPlainTestWithExploreSchedulesIsAConfigurationError() {
        assertConfigurationError(run("plainTestAndExploration"), 2, "Configuration error: @Test on method [void "
            + FIXTURE + "plainTestAndExploration(dev.herder.CoroutineTestScope)] must not be combined with "
            + "@ExploreSchedules: @Test makes the method a test of its own, which would run once more, under the fifo "
            + "schedule, besides the invocations of @ExploreSchedules. Drop @Test.");
    }

    @Test
    void runsTogetherWithSeedsIsAConfigurationError() {
        assertConfigurationError(run("runsAndSeeds"), 1, "Configuration error: @ExploreSchedules on method [void "
            + FIXTURE + "runsAndSeeds(dev.herder.CoroutineTestScope)] must declare either runs or seeds, but declares "
            + "runs = 5 and 1 seed: seeds replays exactly those seeds and runs nothing else. Drop runs to replay the "
            + "seeds, or seeds to explore 5 random ones.");
    }

    @Test
    void emptySeedsMeanNoFixedSeedsSoRunsRandomOnesRun() {
        Events events = run("emptySeeds");
        assertThat(ranNames(events)).hasSize(3).allMatch(n -> n.matches("seed=0x[0-9A-F]{16}"));
        assertThat(CombinationsTestCase.SEEN).extracting(CombinationsTestCase.Seen::schedule)
            .allMatch(Schedule::isShuffled).doesNotHaveDuplicates();
        assertThat(ranNames(run("onlyEmptySeeds"))).as("seeds = {} without runs: the default 100").hasSize(100);
    }
}
