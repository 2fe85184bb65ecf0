package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Shrinking: a failing explored schedule is searched, by re-running the test, for the replay with the fewest deviations
 * from kotlinx's arrival order that still fails the same way, and reported as a replay string with a table.
 */
class ScheduleShrinkingTest {
    private static final Pattern REPLAY = Pattern.compile("Schedule\\.replay\\(\"([^\"]*)\"\\)");
    private static final Pattern RECORDED = Pattern.compile("\\((\\d+) in the run above\\)");

    /** kotlinx#1630's lost update among three coroutines that only yield: many choice points, one that matters. */
    private static void lostUpdateAmongNoise(CoroutineTestScope scope) {
        StringBuilder noise = new StringBuilder();
        for (char name : new char[] {'a', 'b', 'c'}) {
            scope.launch(c -> StepsKt.stepsWithYields(name, 6, noise, c));
        }
        LostUpdate counter = new LostUpdate();
        scope.launch(counter::lockedIncrement);
        scope.launch(counter::unlockedIncrement);
        scope.advanceUntilIdle();
        assertThat(counter.getCount()).as("increments counted").isEqualTo(2);
    }

    private static TestOptions options(Schedule schedule) {
        return TestOptions.defaults().withSchedule(schedule);
    }

    /** The first seed of 0, 1, 2, … under which the lost update shows, found without shrinking. */
    private static long firstFailingSeed() {
        for (long seed = 0; seed < 500; seed++) {
            Schedule schedule = Schedule.shuffled(seed);
            if (catchThrowable(() -> Coroutines.runBlockingTest(options(schedule).withShrinkBudget(0, Duration.ZERO),
                ScheduleShrinkingTest::lostUpdateAmongNoise)) != null) {
                return seed;
            }
        }
        throw new AssertionError("no seed of 500 found the lost update");
    }

    private static String hint(Throwable failure) {
        assertThat(failure.getSuppressed()).hasSize(1);
        return failure.getSuppressed()[0].getMessage();
    }

    private static String shrunkReplay(String hint) {
        String shrunk = hint.substring(hint.indexOf("\nShrunk in "));
        Matcher m = REPLAY.matcher(shrunk);
        assertThat(m.find()).as("a replay string in %s", shrunk).isTrue();
        return m.group(1);
    }

    @Test
    void aLostUpdateAmongManyChoicesIsShrunkToTheOneDeviationItNeedsAndTheReplayFailsTheSameWay() {
        assertThat(catchThrowable(() -> Coroutines.runBlockingTest(ScheduleShrinkingTest::lostUpdateAmongNoise)))
            .as("kotlinx's order hides the bug").isNull();
        Schedule failing = Schedule.shuffled(firstFailingSeed());

        Throwable explored = catchThrowable(() -> Coroutines.runBlockingTest(options(failing),
            ScheduleShrinkingTest::lostUpdateAmongNoise));
        String hint = hint(explored);
        assertThat(hint).contains("\nShrunk in ", "it fails the same way with 1 deviation from kotlinx's arrival order");
        Matcher recorded = RECORDED.matcher(hint);
        assertThat(recorded.find()).isTrue();
        assertThat(Integer.parseInt(recorded.group(1))).as("deviations of the explored run").isGreaterThan(1);
        String replay = shrunkReplay(hint);
        assertThat(Schedule.replay(replay).deviationCount()).isEqualTo(1);
        assertThat(hint).contains("@ExploreSchedules(replay = \"" + replay + "\")")
            .containsPattern("\\| \"scope\\.launch at ScheduleShrinkingTest\\.java:\\d+\" +\\| ")
            .containsPattern("\\| runs \\(\\d(st|nd|rd|th) of \\d\\): starts")
            .contains("| waits to start");

        for (int run = 0; run < 3; run++) {
            Throwable replayed = catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.replay(replay)),
                ScheduleShrinkingTest::lostUpdateAmongNoise));
            assertThat(replayed).isInstanceOf(explored.getClass()).hasMessage(explored.getMessage());
            assertThat(hint(replayed)).startsWith("This failure happened under Schedule.replay(\"" + replay + "\"): "
                    + "kotlinx's arrival order except at the listed choice points. Replay it with @ExploreSchedules(replay = \"")
                .contains("Where it deviates from kotlinx's order", "runs (", "waits to start")
                .doesNotContain("\nShrunk in ");
        }
    }

    /** A checker launched first that fails only when it runs after every step of two workers. */
    private static void checkerThatMustNotRunLast(CoroutineTestScope scope) {
        StringBuilder log = new StringBuilder();
        StringBuilder seen = new StringBuilder();
        scope.launch(c -> {
            seen.append(log);
            return kotlin.Unit.INSTANCE;
        });
        scope.launch(c -> StepsKt.stepsWithYields('a', 3, log, c));
        scope.launch(c -> StepsKt.stepsWithYields('b', 3, log, c));
        scope.advanceUntilIdle();
        assertThat(seen.length()).as("steps the checker saw").isLessThan(6);
    }

    @Test
    void aCoroutinePassedOverAtEveryStepShrinksToOneDeviationThatSendsItLast() {
        Schedule failing = null;
        for (long seed = 0; failing == null; seed++) {
            assertThat(seed).isLessThan(200);
            Schedule schedule = Schedule.pct(seed, 1);
            if (catchThrowable(() -> Coroutines.runBlockingTest(options(schedule).withShrinkBudget(0, Duration.ZERO),
                ScheduleShrinkingTest::checkerThatMustNotRunLast)) != null) {
                failing = schedule;
            }
        }
        Schedule explored = failing;
        String hint = hint(catchThrowable(() -> Coroutines.runBlockingTest(options(explored),
            ScheduleShrinkingTest::checkerThatMustNotRunLast)));
        assertThat(hint).contains("it fails the same way with 1 deviation", "@ExploreSchedules(replay = \"1:last\")",
            "| goes last from here, not started");
        Matcher recorded = RECORDED.matcher(hint);
        assertThat(recorded.find()).isTrue();
        assertThat(Integer.parseInt(recorded.group(1))).as("deviations of the explored run").isGreaterThan(2);
        assertThat(catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.replay("1:last")),
            ScheduleShrinkingTest::checkerThatMustNotRunLast))).hasMessageContaining("steps the checker saw");
    }

    @Test
    void aFailureThatNeedsNoDeviationShrinksToNoneAndSaysTheOrderIsNotWhatFailsIt() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.pct(3, 3)), scope -> {
            lostUpdateAmongNoiseWithoutTheBug(scope);
            throw new IllegalStateException("fails in every order");
        }));
        assertThat(hint(thrown)).contains("\nShrunk in 2 runs (", "it fails the same way with no deviation from "
            + "kotlinx's arrival order (", " in the run above), so no order of the test's tasks is needed for it. "
            + "Replay it with Schedule.fifo(), as any test without an exploration runs.");
    }

    private static void lostUpdateAmongNoiseWithoutTheBug(CoroutineTestScope scope) {
        StringBuilder noise = new StringBuilder();
        for (char name : new char[] {'a', 'b', 'c'}) {
            scope.launch(c -> StepsKt.stepsWithYields(name, 4, noise, c));
        }
        scope.advanceUntilIdle();
    }

    /** Fails in every order: at one line when an update was lost, at another when it was not. */
    private static void failsEitherWay(CoroutineTestScope scope) {
        LostUpdate counter = new LostUpdate();
        scope.launch(counter::lockedIncrement);
        scope.launch(counter::unlockedIncrement);
        scope.advanceUntilIdle();
        if (counter.getCount() == 2) {
            throw new IllegalStateException("the count is right");
        }
        throw new IllegalStateException("an update was lost");
    }

    @Test
    void aFailureFromAnotherLineIsAnotherBugAndIsNotTakenForTheOneBeingShrunk() {
        Throwable thrown = null;
        for (long seed = 0; thrown == null || !thrown.getMessage().equals("an update was lost"); seed++) {
            assertThat(seed).isLessThan(500);
            Schedule schedule = Schedule.shuffled(seed);
            thrown = catchThrowable(() -> Coroutines.runBlockingTest(options(schedule),
                ScheduleShrinkingTest::failsEitherWay));
        }
        // kotlinx's order fails too, at the other line: shrinking must not call that the same failure
        assertThat(catchThrowable(() -> Coroutines.runBlockingTest(ScheduleShrinkingTest::failsEitherWay)))
            .hasMessage("the count is right");
        assertThat(hint(thrown)).contains("it fails the same way with 1 deviation").doesNotContain("no deviation");
    }

    @Test
    void aFailureThatDoesNotComeBackWhenReplayedIsNotShrunkAndSaysWhy() {
        AtomicInteger runs = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.shuffled(1)), scope -> {
            lostUpdateAmongNoiseWithoutTheBug(scope);
            if (runs.getAndIncrement() == 0) {
                throw new IllegalStateException("only the first time");
            }
        }));
        assertThat(hint(thrown)).contains("\nNot shrunk: replaying its choices (Schedule.replay(\"", "did not fail the "
            + "same way (the same exception from the same line), so the outcome depends on more than the order of the "
            + "test's tasks", "Its trace is not shown: it comes from that replay.")
            .doesNotContain("The interleaving it ran");
        assertThat(runs).hasValue(2);
    }

    @Test
    void shrinkingStopsAtItsBudgetOfRunsAndZeroRunsTurnsItOff() {
        long seed = firstFailingSeed();
        Throwable oneRun = catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.shuffled(seed))
            .withShrinkBudget(1, Duration.ofSeconds(5)), ScheduleShrinkingTest::lostUpdateAmongNoise));
        assertThat(hint(oneRun)).contains("\nShrunk in 1 run (", "until the shrink budget ran out (a smaller one may "
            + "exist)");

        Throwable off = catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.shuffled(seed))
            .withShrinkBudget(0, Duration.ofSeconds(5)), ScheduleShrinkingTest::lostUpdateAmongNoise));
        assertThat(hint(off)).contains("\nNot shrunk: its shrink budget is 0 runs").doesNotContain("Shrunk in");

        assertThat(TestOptions.defaults().shrinkRuns()).isEqualTo(TestOptions.DEFAULT_SHRINK_RUNS).isEqualTo(200);
        assertThat(TestOptions.defaults().shrinkTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(catchThrowable(() -> TestOptions.defaults().withShrinkBudget(-1, Duration.ZERO)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 turns shrinking off");
    }

    @Test
    void aTestThatRanOutOfTimeIsNotShrunk() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(options(Schedule.shuffled(1))
            .withTimeout(Duration.ofMillis(300)), scope -> scope.await(new CompletableFuture<Void>())));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        assertThat(hint(thrown)).contains("\nNot shrunk: it ran out of time");
    }

    @Test
    void aJitteredScheduleShrinksWithItsJitterInTheReplayString() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            options(Schedule.shuffled(0x5EEDL).withDelayJitter(20)), scope -> {
                lostUpdateAmongNoiseWithoutTheBug(scope);
                throw new IllegalStateException("fails in every order");
            }));
        String replay = shrunkReplay(hint(thrown));
        assertThat(replay).isEqualTo("; jitter 20% from 0x0000000000005EED");
        assertThat(Schedule.replay(replay).delayJitter()).isEqualTo(20);
        assertThat(Schedule.replay(replay).seed()).isEqualTo(0x5EEDL);
    }

    @Test
    void aReplayStringReadsBackAsItIsWrittenAndMalformedOnesSayWhatIsWrong() {
        Schedule replay = Schedule.replay(" 7:3,3:2 , 9:1 ");
        assertThat(replay.strategy()).isEqualTo(Schedule.Strategy.REPLAY);
        assertThat(replay.isShuffled()).isTrue();
        assertThat(replay.replayString()).isEqualTo("3:2, 7:3");
        assertThat(replay.deviations()).containsExactly(3, 2, 7, 3);
        assertThat(replay.deviationCount()).isEqualTo(2);
        assertThat(replay).hasToString("replay(\"3:2, 7:3\")").isEqualTo(Schedule.replay("3:2, 7:3"))
            .hasSameHashCodeAs(Schedule.replay("3:2,7:3")).isNotEqualTo(Schedule.replay("3:2"));
        assertThat(Schedule.replay("").deviationCount()).isZero();
        assertThat(Schedule.replay("4:last, 2:3").replayString()).isEqualTo("2:3, 4:last");
        assertThat(Schedule.replay("4:last").deviations()).containsExactly(4, 0);
        assertThat(catchThrowable(() -> Schedule.replay("4:0"))).hasMessageContaining("count from 1");
        assertThat(catchThrowable(() -> Schedule.replay("4:first"))).hasMessageContaining("choicePoint:last");
        assertThat(Schedule.replay("2:2; jitter 20% from 0x0000000000005EED").replayString())
            .isEqualTo("2:2; jitter 20% from 0x0000000000005EED");

        assertThat(catchThrowable(() -> Schedule.replay("3-2"))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Schedule.replay(\"3-2\") cannot be read: \"3-2\" is not choicePoint:position or "
                + "choicePoint:last. Pass the replay "
                + "string a failure printed, e.g. \"3:2, 7:3\" (at the 3rd choice point the 2nd-arrived task runs "
                + "first, at the 7th the 3rd-arrived), optionally followed by \"; jitter 20% from 0x…\".");
        assertThat(catchThrowable(() -> Schedule.replay("0:2"))).hasMessageContaining("count from 1");
        assertThat(catchThrowable(() -> Schedule.replay("3:2, 3:3"))).hasMessageContaining("choice point 3 is listed twice");
        assertThat(catchThrowable(() -> Schedule.replay("3:2; jitter 80% from 0x1"))).hasMessageContaining("1 to 50 %");
        assertThat(catchThrowable(() -> Schedule.replay("3:2; jitter"))).hasMessageContaining("its jitter part");
        assertThat(catchThrowable(() -> Schedule.replay(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> replay.withDelayJitter(10))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("part of its replay string");
        assertThat(catchThrowable(() -> Schedule.pct(1, 3).replayString())).isInstanceOf(IllegalStateException.class);
    }
}
