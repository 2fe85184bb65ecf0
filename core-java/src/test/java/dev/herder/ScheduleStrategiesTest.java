package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongFunction;
import kotlin.Unit;
import org.junit.jupiter.api.Test;

/** PCT and POS: the strategies besides the uniform shuffle, their guarantees and their replays. */
class ScheduleStrategiesTest {

    /** Coroutines a and b, each appending its name at every one of its steps, yielding between them. */
    private static String interleavingOf(Schedule schedule, int stepsOfA, int stepsOfB, boolean inScopes) {
        StringBuilder log = new StringBuilder();
        Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(schedule), scope -> {
            scope.launch(c -> inScopes ? StepsKt.stepsInAScope('a', stepsOfA, log, c) : StepsKt.stepsWithYields('a', stepsOfA, log, c));
            scope.launch(c -> inScopes ? StepsKt.stepsInAScope('b', stepsOfB, log, c) : StepsKt.stepsWithYields('b', stepsOfB, log, c));
        });
        return log.toString();
    }

    @Test
    void pctAndPosSaySeedAndDepthAndAreEqualByThem() {
        assertThat(Schedule.pct(0x5EEDL, 3)).hasToString("pct(seed=0x0000000000005EED, depth=3)")
            .isEqualTo(Schedule.pct(0x5EEDL, 3)).isNotEqualTo(Schedule.pct(0x5EEDL, 2)).isNotEqualTo(Schedule.pos(0x5EEDL));
        assertThat(Schedule.pos(1)).hasToString("pos(seed=0x0000000000000001)");
        assertThat(Schedule.pct(7, 2).strategy()).isEqualTo(Schedule.Strategy.PCT);
        assertThat(Schedule.pct(7, 2).depth()).isEqualTo(2);
        assertThat(Schedule.pos(7).depth()).isZero();
        assertThat(Schedule.pos(7).isShuffled()).isTrue();
        assertThat(Schedule.fifo().strategy()).isEqualTo(Schedule.Strategy.FIFO);
        assertThat(catchThrowable(() -> Schedule.pct(1, 0))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Schedule.pct needs a depth from 1 to 8 (the number of ordering constraints the bugs it looks "
                + "for need; 2 or 3 find most), but was 0.");
    }

    @Test
    void everyStrategyReplaysTheSameInterleavingForTheSameSeed() {
        for (LongFunction<Schedule> strategy : java.util.List.<LongFunction<Schedule>>of(
                Schedule::shuffled, seed -> Schedule.pct(seed, 3), Schedule::pos)) {
            Set<String> seen = new HashSet<>();
            for (long seed = 0; seed < 30; seed++) {
                String first = interleavingOf(strategy.apply(seed), 4, 4, false);
                assertThat(interleavingOf(strategy.apply(seed), 4, 4, false)).isEqualTo(first);
                seen.add(first);
            }
            assertThat(seen).as("%s draws more than one interleaving", strategy.apply(0)).hasSizeGreaterThan(1);
        }
    }

    @Test
    void pctOfDepthOneGivesEachCoroutineOnePriorityForAllItsSteps() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            seen.add(interleavingOf(Schedule.pct(seed, 1), 4, 4, false));
            seen.add(interleavingOf(Schedule.pct(seed, 1), 4, 4, true));
        }
        // the higher-priority coroutine runs every step it has before the other runs at all: no interleaving
        assertThat(seen).containsExactlyInAnyOrder("aaaabbbb", "bbbbaaaa");
    }

    @Test
    void pctOfDepthTwoPreemptsTheRunningCoroutineOnceAtAChangePoint() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 400; seed++) {
            seen.add(interleavingOf(Schedule.pct(seed, 2), 4, 4, false));
        }
        // one change point: a coroutine preempted once, the other running all its steps in between
        assertThat(seen).allMatch(order -> order.matches("a*b{4}a*|b*a{4}b*"), "at most one preemption")
            .contains("abbbbaaa", "aabbbbaa", "baaaabbb", "bbaaaabb").hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void posDelaysOneWaitingTaskBehindManyStepsFarMoreOftenThanTheUniformShuffle() {
        // a's one step runs last when it loses to all nine of b's: 1/10 under POS (it keeps its priority while it
        // waits), 1/512 under the uniform shuffle (a fair coin at each of b's steps)
        int lastUnderPos = 0;
        int lastUnderShuffle = 0;
        for (long seed = 0; seed < 1_000; seed++) {
            lastUnderPos += interleavingOf(Schedule.pos(seed), 1, 9, false).endsWith("a") ? 1 : 0;
            lastUnderShuffle += interleavingOf(Schedule.shuffled(seed), 1, 9, false).endsWith("a") ? 1 : 0;
        }
        assertThat(lastUnderPos).isBetween(60, 150);
        assertThat(lastUnderShuffle).isLessThan(15);
    }

    @Test
    void aFailureUnderPctNamesStrategySeedAndDepthAndReplaysExactly() {
        long failingSeed = -1;
        String failingOrder = null;
        for (long seed = 0; seed < 200 && failingSeed < 0; seed++) {
            String order = interleavingOf(Schedule.pct(seed, 2), 3, 3, false);
            if (order.startsWith("ab")) {
                failingSeed = seed;
                failingOrder = order;
            }
        }
        assertThat(failingSeed).isNotNegative();
        long seed = failingSeed;
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withSchedule(Schedule.pct(seed, 2)), scope -> {
                StringBuilder log = new StringBuilder();
                scope.launch(c -> StepsKt.stepsWithYields('a', 3, log, c));
                scope.launch(c -> StepsKt.stepsWithYields('b', 3, log, c));
                scope.advanceUntilIdle();
                assertThat(log.toString()).doesNotStartWith("ab");
            }));
        String hex = String.format("0x%016XL", seed);
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining(failingOrder);
        assertThat(thrown.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
            .startsWith("This failure happened under Schedule.pct(" + hex + ", 2): the tasks due at one virtual "
                + "instant ran in an order by PCT of depth 2 (random coroutine priorities) from that seed. Replay "
                + "exactly this interleaving with @ExploreSchedules(strategy = Strategy.PCT, depth = 2, seeds = {"
                + hex + "}) or TestOptions.defaults().withSchedule(Schedule.pct(" + hex + ", 2))."));
    }

    @Test
    void aFailureUnderPosNamesItsStrategy() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withSchedule(Schedule.pos(0xC0FFEEL)), scope -> {
                scope.launch(c -> Unit.INSTANCE);
                throw new IllegalStateException("order bug");
            }));
        assertThat(thrown.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
            .contains("Schedule.pos(0x0000000000C0FFEEL)", "@ExploreSchedules(strategy = Strategy.POS, seeds = {"));
    }
}
