package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.Schedule;
import dev.herder.TestOptions;
import dev.herder.benchmarks.bugs.CoroutineBug;
import dev.herder.benchmarks.bugs.CoroutineBugsKt;
import dev.herder.benchmarks.bugs.Outcome;
import dev.herder.benchmarks.bugs.ProgramRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.CoroutineScope;

/**
 * Not a JMH benchmark: how fast each schedule strategy finds the bugs of the coroutine bug benchmark
 * ({@code bugs/CoroutineBugs.kt}), and that it never fails their fixed twins. For each strategy and program: the
 * schedules until the first failure (a failed check or a deadlock) under each of 5 base seeds, up to a budget; and
 * the failures of the fixed twin over the same budget. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.herder.benchmarks.ScheduleSweep [budget] [bases]}.
 */
public final class ScheduleSweep {
    /** The strategies compared, by the name the table gives them. */
    public static final Map<String, LongFunction<Schedule>> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put("shuffled", Schedule::shuffled);
        STRATEGIES.put("pos", Schedule::pos);
        STRATEGIES.put("pct:1", seed -> Schedule.pct(seed, 1));
        STRATEGIES.put("pct:2", seed -> Schedule.pct(seed, 2));
        STRATEGIES.put("pct:3", seed -> Schedule.pct(seed, 3));
    }

    private static final TestOptions OPTIONS = TestOptions.defaults().withTimeout(Duration.ofSeconds(10));

    private ScheduleSweep() {}

    /** How one run of {@code program} under {@code schedule} ended. */
    public static Outcome runOnce(Function2<CoroutineScope, Continuation<? super Unit>, Object> program, Schedule schedule) {
        ProgramRun run = new ProgramRun(program);
        Outcome[] outcome = new Outcome[1];
        Coroutines.runBlockingTest(OPTIONS.withSchedule(schedule), scope -> {
            scope.launch(run::start);
            scope.advanceUntilIdle();
            outcome[0] = run.outcome();
        });
        return outcome[0];
    }

    /** The seeds of one exploration from {@code base}: the first {@code budget} of a SplittableRandom's sequence. */
    public static long[] seeds(long base, int budget) {
        SplittableRandom random = new SplittableRandom(base);
        return random.longs(budget).toArray();
    }

    /** Schedules until the first failure of {@code program} (1-based), or -1 if none failed within the seeds. */
    public static int schedulesToFirstFailure(Function2<CoroutineScope, Continuation<? super Unit>, Object> program,
                                              LongFunction<Schedule> strategy, long[] seeds) {
        for (int i = 0; i < seeds.length; i++) {
            if (runOnce(program, strategy.apply(seeds[i])) != Outcome.PASSED) {
                return i + 1;
            }
        }
        return -1;
    }

    /** How many of {@code seeds} fail {@code program}. */
    public static int failures(Function2<CoroutineScope, Continuation<? super Unit>, Object> program,
                               LongFunction<Schedule> strategy, long[] seeds) {
        int failed = 0;
        for (long seed : seeds) {
            failed += runOnce(program, strategy.apply(seed)) != Outcome.PASSED ? 1 : 0;
        }
        return failed;
    }

    public static void main(String[] args) {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int bases = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<CoroutineBug> bugs = CoroutineBugsKt.getCOROUTINE_BUGS();
        long start = System.nanoTime();
        StringBuilder header = new StringBuilder("| program | fifo |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String name : STRATEGIES.keySet()) {
            header.append(' ').append(name).append(" |");
            rule.append("---|");
        }
        System.out.println("Median schedules to the first failure over " + bases + " base seeds (budget " + budget
            + "; '>' = not found under every base seed: found/bases), and false alarms of the fixed twin");
        System.out.println(header);
        System.out.println(rule);
        Map<String, Integer> found = new LinkedHashMap<>();
        Map<String, Integer> falseAlarms = new LinkedHashMap<>();
        Map<String, Integer> sumOfMedians = new LinkedHashMap<>();
        Map<String, Integer> worstMedian = new LinkedHashMap<>();
        for (CoroutineBug bug : bugs) {
            StringBuilder row = new StringBuilder("| ").append(bug.getName()).append(" | ")
                .append(runOnce(bug.getBuggy(), Schedule.fifo()) == Outcome.PASSED ? "passes" : "FAILS").append(" |");
            for (Map.Entry<String, LongFunction<Schedule>> strategy : STRATEGIES.entrySet()) {
                int[] firsts = new int[bases];
                int foundUnder = 0;
                for (int b = 0; b < bases; b++) {
                    firsts[b] = schedulesToFirstFailure(bug.getBuggy(), strategy.getValue(), seeds(b, budget));
                    foundUnder += firsts[b] > 0 ? 1 : 0;
                }
                int alarms = failures(bug.getFixed(), strategy.getValue(), seeds(0x7717L, budget));
                falseAlarms.merge(strategy.getKey(), alarms, Integer::sum);
                if (foundUnder == bases) {
                    found.merge(strategy.getKey(), 1, Integer::sum);
                    int[] sorted = firsts.clone();
                    Arrays.sort(sorted);
                    sumOfMedians.merge(strategy.getKey(), sorted[bases / 2], Integer::sum);
                    worstMedian.merge(strategy.getKey(), sorted[bases / 2], Math::max);
                }
                row.append(' ').append(cell(firsts, foundUnder, bases)).append(alarms > 0 ? " (twin: " + alarms + ")" : "")
                    .append(" |");
            }
            System.out.println(row);
        }
        StringBuilder foundRow = new StringBuilder("| **found within " + budget + "** | |");
        StringBuilder alarmsRow = new StringBuilder("| **false alarms (twins)** | |");
        for (String name : STRATEGIES.keySet()) {
            foundRow.append(" **").append(found.getOrDefault(name, 0)).append(" / ").append(bugs.size()).append("** |");
            alarmsRow.append(' ').append(falseAlarms.getOrDefault(name, 0)).append(" |");
        }
        StringBuilder sumRow = new StringBuilder("| sum of the medians (bugs found) | |");
        StringBuilder worstRow = new StringBuilder("| worst median | |");
        for (String name : STRATEGIES.keySet()) {
            sumRow.append(' ').append(sumOfMedians.getOrDefault(name, 0)).append(" |");
            worstRow.append(' ').append(worstMedian.getOrDefault(name, 0)).append(" |");
        }
        System.out.println(foundRow);
        System.out.println(sumRow);
        System.out.println(worstRow);
        System.out.println(alarmsRow);
        System.out.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static String cell(int[] firsts, int foundUnder, int bases) {
        if (foundUnder < bases) {
            return ">" + (foundUnder == 0 ? "" : " (" + foundUnder + "/" + bases + ")");
        }
        int[] sorted = firsts.clone();
        Arrays.sort(sorted);
        return Integer.toString(sorted[bases / 2]);
    }
}
