package dev.herder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.Schedule;
import dev.herder.benchmarks.bugs.CoroutineBug;
import dev.herder.benchmarks.bugs.CoroutineBugsKt;
import dev.herder.benchmarks.bugs.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The small-budget sweep of the coroutine bug benchmark, run by CI; benchmarks/README.md has the full one. */
class ScheduleSweepTest {
    private static final List<CoroutineBug> BUGS = CoroutineBugsKt.getCOROUTINE_BUGS();

    @Test
    void everyOrderDependentBugHidesFromKotlinxsOwnOrder() {
        for (CoroutineBug bug : BUGS) {
            if (!bug.getInEveryOrder()) {
                assertThat(ScheduleSweep.runOnce(bug.getBuggy(), Schedule.fifo())).as(bug.getName()).isEqualTo(Outcome.PASSED);
            }
        }
    }

    @Test
    void theBugsOfEveryOrderDeadlockUnderKotlinxsOwnOrderToo() {
        List<String> inEveryOrder = BUGS.stream().filter(CoroutineBug::getInEveryOrder).map(CoroutineBug::getName).toList();
        assertThat(inEveryOrder).containsExactly("Phase01", "Sync01", "Sync02");
        for (CoroutineBug bug : BUGS) {
            if (bug.getInEveryOrder()) {
                assertThat(ScheduleSweep.runOnce(bug.getBuggy(), Schedule.fifo())).as(bug.getName()).isEqualTo(Outcome.DEADLOCKED);
            }
        }
    }

    @Test
    void pctOfDepthThreeTheDefaultFindsEveryBugOfTheBenchmarkWithin100Schedules() {
        List<String> missed = new ArrayList<>();
        for (CoroutineBug bug : BUGS) {
            if (ScheduleSweep.schedulesToFirstFailure(bug.getBuggy(), seed -> Schedule.pct(seed, 3), ScheduleSweep.seeds(0, 100)) < 0) {
                missed.add(bug.getName());
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void noStrategyEverFailsAFixedTwin() {
        for (CoroutineBug bug : BUGS) {
            for (Map.Entry<String, LongFunction<Schedule>> strategy : ScheduleSweep.STRATEGIES.entrySet()) {
                assertThat(ScheduleSweep.failures(bug.getFixed(), strategy.getValue(), ScheduleSweep.seeds(0x7717L, 40)))
                    .as("%s under %s", bug.getName(), strategy.getKey()).isZero();
            }
        }
    }

    @Test
    void theFirstFailureOfEverySctBenchPortShrinksToAtMostThreeDeviationsAndTheNeedleToFour() {
        List<String> aboveThree = new ArrayList<>();
        for (CoroutineBug bug : BUGS) {
            long[] seeds = ScheduleSweep.seeds(0, 100);
            int first = ScheduleSweep.schedulesToFirstFailure(bug.getBuggy(), seed -> Schedule.pct(seed, 3), seeds);
            ScheduleSweep.Shrunk shrunk = ScheduleSweep.shrink(bug.getBuggy(), Schedule.pct(seeds[first - 1], 3));
            assertThat(shrunk).as(bug.getName()).isNotNull();
            assertThat(shrunk.deviations()).as(bug.getName()).isLessThanOrEqualTo(4)
                .isLessThanOrEqualTo(shrunk.recorded());
            if (bug.getInEveryOrder()) {
                assertThat(shrunk.deviations()).as(bug.getName() + " fails in kotlinx's order too").isZero();
            }
            if (shrunk.deviations() > 3) {
                aboveThree.add(bug.getName());
            }
        }
        // measured (benchmarks/README.md): every SCTBench port shrinks to at most 2; the synthetic needle needs 4
        assertThat(aboveThree).isSubsetOf("Needle3");
    }

    @Test
    void pctHitsTheDepthThreeNeedleFarMoreOftenThanTheUniformShuffleAndAtLeastItsBound() {
        CoroutineBug needle = BUGS.stream().filter(b -> b.getName().equals("Needle3")).findFirst().orElseThrow();
        long[] seeds = ScheduleSweep.seeds(0, 600);
        int pct = ScheduleSweep.failures(needle.getBuggy(), seed -> Schedule.pct(seed, 3), seeds);
        int shuffled = ScheduleSweep.failures(needle.getBuggy(), Schedule::shuffled, seeds);
        // PCT's bound for 3 coroutines, depth 3 and k = 8 choice points: 1/(n·k^(d-1)) = 1/192 of the runs
        assertThat(pct).isGreaterThanOrEqualTo(seeds.length / 192).isGreaterThan(20 * Math.max(1, shuffled));
    }
}
