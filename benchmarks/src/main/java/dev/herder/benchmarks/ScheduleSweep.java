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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * A failing run of {@code program} under {@code schedule}, shrunk as a failing test is: the shrunk replay's
     * deviations from kotlinx's order, the failing run's deviations, and the shrinking runs; null if the program
     * passes under {@code schedule} or the failure was not shrunk.
     */
    public static Shrunk shrink(Function2<CoroutineScope, Continuation<? super Unit>, Object> program, Schedule schedule) {
        Throwable failure = null;
        try {
            Coroutines.runBlockingTest(OPTIONS.withSchedule(schedule), scope -> {
                ProgramRun run = new ProgramRun(program);
                scope.launch(run::start);
                scope.advanceUntilIdle();
                Outcome outcome = run.outcome();
                if (outcome == Outcome.FAILED) {
                    throw new AssertionError("the program's check failed");
                }
                if (outcome == Outcome.DEADLOCKED) {
                    throw new AssertionError("the program deadlocked");
                }
            });
        } catch (AssertionError e) {
            failure = e;
        }
        if (failure == null) {
            return null;
        }
        String hint = failure.getSuppressed()[0].getMessage();
        Matcher shrunk = SHRUNK.matcher(hint);
        if (!shrunk.find()) {
            return null;
        }
        Matcher replay = REPLAY.matcher(hint.substring(shrunk.start()));
        int deviations = replay.find() ? Schedule.replay(replay.group(1)).deviationCount() : 0;
        return new Shrunk(deviations, Integer.parseInt(shrunk.group(3)), Integer.parseInt(shrunk.group(1)),
            Long.parseLong(shrunk.group(2)));
    }

    /** A shrunk failure: its deviations, the failing run's, the shrinking runs and their wall-clock milliseconds. */
    public record Shrunk(int deviations, int recorded, int runs, long millis) {}

    private static final Pattern SHRUNK = Pattern.compile(
        "\nShrunk in (\\d+) runs? \\((\\d+) ms\\).*?\\((\\d+) in the run above\\)", Pattern.DOTALL);
    private static final Pattern REPLAY = Pattern.compile("Schedule\\.replay\\(\"([^\"]*)\"\\)");

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
        System.out.println();
        System.out.println("The first failure of each bug under pct:3 (base seed 0), shrunk as a failing test is: its "
            + "deviations from kotlinx's order, shrunk to; the shrinking runs and time");
        System.out.println("| program | deviations in the failing run | shrunk to | shrinking runs | ms |");
        System.out.println("|---|---|---|---|---|");
        List<Integer> sizes = new ArrayList<>();
        for (CoroutineBug bug : bugs) {
            long[] seeds = seeds(0, budget);
            int first = schedulesToFirstFailure(bug.getBuggy(), STRATEGIES.get("pct:3"), seeds);
            Shrunk shrunk = first < 0 ? null : shrink(bug.getBuggy(), Schedule.pct(seeds[first - 1], 3));
            if (shrunk == null) {
                System.out.println("| " + bug.getName() + " | not found or not shrunk | | | |");
                continue;
            }
            sizes.add(shrunk.deviations());
            System.out.println("| " + bug.getName() + " | " + shrunk.recorded() + " | " + shrunk.deviations() + " | "
                + shrunk.runs() + " | " + shrunk.millis() + " |");
        }
        System.out.println("shrunk to at most 3 deviations: " + sizes.stream().filter(n -> n <= 3).count() + " of "
            + sizes.size() + "; largest " + sizes.stream().mapToInt(Integer::intValue).max().orElse(0));

        System.out.println();
        System.out.println("Hits per " + budget + " schedules (base seed 0x4175, the same seeds for every strategy): how "
            + "often each strategy fails each bug");
        StringBuilder hitsHeader = new StringBuilder("| program |");
        StringBuilder hitsRule = new StringBuilder("|---|");
        for (String name : STRATEGIES.keySet()) {
            hitsHeader.append(' ').append(name).append(" |");
            hitsRule.append("---|");
        }
        System.out.println(hitsHeader);
        System.out.println(hitsRule);
        long[] hitSeeds = seeds(0x4175L, budget);
        Map<String, Integer> atLeastShuffled = new LinkedHashMap<>();
        for (CoroutineBug bug : bugs) {
            StringBuilder row = new StringBuilder("| ").append(bug.getName()).append(" |");
            int shuffledHits = -1;
            for (Map.Entry<String, LongFunction<Schedule>> strategy : STRATEGIES.entrySet()) {
                int hits = failures(bug.getBuggy(), strategy.getValue(), hitSeeds);
                if (strategy.getKey().equals("shuffled")) {
                    shuffledHits = hits;
                }
                atLeastShuffled.merge(strategy.getKey(), hits >= shuffledHits ? 1 : 0, Integer::sum);
                row.append(' ').append(hits).append(" |");
            }
            System.out.println(row);
        }
        StringBuilder atLeastRow = new StringBuilder("| **bugs hit at least as often as by the uniform shuffle** |");
        for (String name : STRATEGIES.keySet()) {
            atLeastRow.append(' ').append(atLeastShuffled.getOrDefault(name, 0)).append(" / ").append(bugs.size())
                .append(" |");
        }
        System.out.println(atLeastRow);

        CoroutineBug needle = bugs.stream().filter(b -> b.getName().equals("Needle3")).findFirst().orElseThrow();
        long[] many = seeds(0x11EEDL, 10 * budget);
        System.out.println();
        for (CoroutineBug deep : List.of(needle, CoroutineBugsKt.getLONG_NEEDLE())) {
            int pct = failures(deep.getBuggy(), STRATEGIES.get("pct:3"), many);
            int shuffled = failures(deep.getBuggy(), STRATEGIES.get("shuffled"), many);
            System.out.printf(Locale.ROOT, "%s over %,d schedules: pct:3 %d hits (%.1f per 1,000), shuffled %d "
                    + "(%.2f per 1,000): %s%n", deep.getName(), many.length, pct, 1000.0 * pct / many.length, shuffled,
                1000.0 * shuffled / many.length, shuffled == 0 ? "shuffled never hit it"
                    : String.format(Locale.ROOT, "%.0fx", (double) pct / shuffled));
        }
        System.out.printf(Locale.ROOT, "PCT's bound for n = 4 coroutines (three and the one that starts them), k = %d, "
            + "d = 3: 1/(n*k^2) = %.1f per 1,000%n", Schedule.PCT_STEPS,
            1000.0 / (4 * Schedule.PCT_STEPS * Schedule.PCT_STEPS));
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
