package dev.herder.internal.run;

import dev.herder.Schedule;
import java.time.Duration;
import java.util.List;
import dev.herder.internal.Failures;

/**
 * Shrinks the schedule of a failing explored run: searches, by re-running the test body, for the replay with the fewest
 * deviations from kotlinx's arrival order that still fails the same way, in the spirit of delta debugging (Zeller and
 * Hildebrandt, 2002) and fast-check's scheduler shrinking. A deviation is a choice point (two or more tasks due at one
 * instant) where another task than the first-arrived ran.
 *
 * <p>The search: replay the recorded choices, traced (they must reproduce the failure, or the outcome depends on more
 * than the schedule and nothing is claimed; that run also gives the hint its trace); try no deviation at all; remove
 * chunks of deviations, halving the chunks until single deviations are tried (ddmin's complement step); if more than
 * one is left, try each single deviation from kotlinx's own order (ddmin only removes deviations, and the one that
 * fails alone may sit where the failing run had none); try to say once that a coroutine passed over step by step goes
 * last ({@code 3:last}), and minimize again; move each remaining deviation to the second-arrived task. After each
 * success the deviations are re-read from the run that failed, since removing one renumbers or removes later choice
 * points. It stops at the options' budget of runs or time and reports the smallest failing replay found.
 */
final class ScheduleShrinker {
    /** Below this much time left, no further run starts: it would only time out. */
    private static final Duration LEAST_RUN_TIME = Duration.ofMillis(200);

    private final TestDriver.Body body;
    private final RunSpec options;
    private final Signature target;
    private final Schedule original;
    private long endNanos;
    private int runs;
    /** The smallest failing replay so far. */
    private TestDriver.Attempt best;

    private ScheduleShrinker(RunSpec options, TestDriver.Body body, Throwable failure) {
        this.options = options;
        this.body = body;
        this.target = Signature.of(failure);
        this.original = options.schedule();
    }

    /**
     * What replaying a failing explored run gave: the choices of a traced run that failed the same way (its trace and
     * deviations described), or null when there is none; and the shrinking section of the replay hint.
     */
    record Replayed(dev.herder.bridge.ScheduleChoices trace, String shrinking) {}

    /**
     * Replays the failing run {@code first} from its recorded choices, traced — explored runs are not, so that the many
     * that pass pay nothing for a trace — and, if it fails the same way, shrinks it within the options' budget.
     */
    static Replayed replay(RunSpec options, TestDriver.Body body, TestDriver.Attempt first) {
        if (options.schedule().strategy() == Schedule.Strategy.REPLAY) {
            return new Replayed(first.choices(), "");   // traced already; shrunk already, or chosen by hand
        }
        if (first.timedOut()) {
            return new Replayed(null, ScheduleReports.notShrunk("it ran out of time, and a replay would take as long, so "
                + "neither its trace nor a smaller schedule is shown"));
        }
        ScheduleShrinker shrinker = new ScheduleShrinker(options, body, first.failure());
        int[] recorded = first.choices().deviations();
        TestDriver.Attempt again = shrinker.failsTheSameWay(recorded, options.timeout());
        shrinker.endNanos = System.nanoTime() + options.shrinkTime().toNanos();
        if (again == null) {
            return new Replayed(null, ScheduleReports.notReproduced(shrinker.replayOf(recorded)));
        }
        if (options.shrinkRuns() == 0) {
            return new Replayed(again.choices(), ScheduleReports.notShrunk("its shrink budget is 0 runs "
                + "(TestOptions.withShrinkBudget, or herder.schedule.shrink; an @ExploreSchedules shrinks only the "
                + "first seed that fails)"));
        }
        return new Replayed(again.choices(), shrinker.search(again, recorded.length / 2));
    }

    private String search(TestDriver.Attempt replayed, int recorded) {
        long started = System.nanoTime();
        best = replayed;
        TestDriver.Attempt fifo = null;
        if (best.choices().deviations().length > 0 && hasBudget()) {
            fifo = run(new int[0], timeLeft());
            keep(sameFailure(fifo));
        }
        minimize();
        if (fifo != null && current().length > 2) {
            oneDeviation(fifo.choices().dueSizes());
        }
        if (toTheBack()) {
            minimize();
        }
        nearer();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return ScheduleReports.shrunkSchedule(replayOf(current()), best.choices(), runs, took, !hasBudget(), recorded);
    }

    /** The deviations of {@link #best}, as its run recorded them. */
    private int[] current() {
        return best.choices().deviations();
    }

    /** Keeps {@code attempt} as the best if it failed the same way; whether it did. */
    private boolean keep(TestDriver.Attempt attempt) {
        if (attempt == null) {
            return false;
        }
        best = attempt;
        return true;
    }

    /**
     * ddmin's complement step: removes chunks of deviations, from halves down to single ones, keeping each removal
     * that still fails; ends 1-minimal (no single deviation can go) or at the budget.
     */
    private void minimize() {
        int chunks = 2;
        while (current().length / 2 >= 2 && hasBudget()) {
            int[] current = current();
            int size = current.length / 2;
            int per = (size + chunks - 1) / chunks;
            boolean reduced = false;
            for (int from = 0; from < size && hasBudget() && !reduced; from += per) {
                reduced = keep(failsTheSameWay(without(current, from, Math.min(size, from + per))));
            }
            if (reduced) {
                chunks = Math.max(chunks - 1, 2);
            } else if (chunks >= size) {
                break;
            } else {
                chunks = Math.min(chunks * 2, size);
            }
        }
    }

    /**
     * Tries to say "this coroutine goes last" once where the run passed it over step by step: for each deviation, the
     * replay of the deviations before it and, at its choice point, the coroutine kotlinx would run sent to the back
     * (position {@code last}) — first with nothing before it. Keeps the first that fails with fewer deviations.
     */
    private boolean toTheBack() {
        int[] current = current();
        int size = current.length / 2;
        if (size < 2) {
            return false;
        }
        for (int k = 0; k < size && hasBudget(); k++) {
            if (keep(failsTheSameWay(new int[] {current[2 * k], dev.herder.bridge.ScheduleChoices.LAST}))) {
                return true;
            }
        }
        for (int k = 1; k < size - 1 && hasBudget(); k++) {
            int[] candidate = java.util.Arrays.copyOf(current, 2 * k + 2);
            candidate[2 * k + 1] = dev.herder.bridge.ScheduleChoices.LAST;
            if (keep(failsTheSameWay(candidate))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks for one deviation that fails alone, where the others do not lead to it: at each choice point of kotlinx's
     * own order ({@code dueSizes}, from its run), each other task due there, and sending the first one to the back —
     * as far as the budget goes. Removing deviations (ddmin) never places one where the failing run had none.
     */
    private void oneDeviation(int[] dueSizes) {
        // nearest first to where the smallest failing replay deviates: the bug is likeliest around there
        int[] current = current();
        java.util.List<Integer> points = new java.util.ArrayList<>();
        for (int point = 1; point <= dueSizes.length; point++) {
            points.add(point);
        }
        points.sort(java.util.Comparator.comparingInt((Integer point) -> {
            int nearest = Integer.MAX_VALUE;
            for (int i = 0; i < current.length; i += 2) {
                nearest = Math.min(nearest, Math.abs(current[i] - point));
            }
            return nearest;
        }).thenComparingInt(point -> point));
        // first the two extremes at every point — the last-arrived task runs first, the first-arrived goes last — then
        // the positions between them
        for (boolean extremes : new boolean[] {true, false}) {
            for (int point : points) {
                int due = dueSizes[point - 1];
                for (int position = due; position >= 1 && hasBudget(); position--) {
                    boolean extreme = position == due || position == 1;
                    if (extreme != extremes) {
                        continue;
                    }
                    int chosen = position == 1 ? dev.herder.bridge.ScheduleChoices.LAST : position;
                    if (keep(failsTheSameWay(new int[] {point, chosen}))) {
                        return;
                    }
                }
            }
        }
    }

    /** Moves each remaining positional deviation to the second-arrived task, keeping each move that still fails. */
    private void nearer() {
        int[] current = current();
        for (int i = 1; i < current.length && hasBudget(); i += 2) {
            if (current[i] > 2) {
                int[] candidate = current.clone();
                candidate[i] = 2;
                if (keep(failsTheSameWay(candidate))) {
                    current = current();
                    i = -1;   // the deviations were re-read: start over
                }
            }
        }
    }

    /** The replay of {@code deviations}, with the original's jitter. */
    private Schedule replayOf(int[] deviations) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < deviations.length; i += 2) {
            b.append(i == 0 ? "" : ", ").append(deviations[i]).append(':').append(
                deviations[i + 1] == dev.herder.bridge.ScheduleChoices.LAST ? "last" : Integer.toString(deviations[i + 1]));
        }
        if (original.delayJitter() != 0) {
            b.append("; jitter ").append(original.delayJitter()).append("% from ")
                .append(String.format(java.util.Locale.ROOT, "0x%016X", original.seed()));
        }
        return Schedule.replay(b.toString());
    }

    /** Runs the replay of {@code deviations} within the budget: its attempt if it failed as the original did. */
    private TestDriver.Attempt failsTheSameWay(int[] deviations) {
        if (!hasBudget()) {
            return null;
        }
        return failsTheSameWay(deviations, timeLeft());
    }

    /** Runs the traced replay of {@code deviations}: its attempt if it failed as the original did, else null. */
    private TestDriver.Attempt failsTheSameWay(int[] deviations, Duration timeout) {
        return sameFailure(run(deviations, timeout));
    }

    /** Runs the traced replay of {@code deviations}, whatever its outcome. */
    private TestDriver.Attempt run(int[] deviations, Duration timeout) {
        runs++;
        return TestDriver.attempt(options.shrinking(replayOf(deviations), timeout), body);
    }

    /** {@code attempt} if it failed as the original did, else null. */
    private TestDriver.Attempt sameFailure(TestDriver.Attempt attempt) {
        boolean same = attempt.failure() != null && !attempt.timedOut() && target.equals(Signature.of(attempt.failure()));
        return same ? attempt : null;
    }

    /** What is left of the shrink budget's time, as a run's timeout: at most the test's own. */
    private Duration timeLeft() {
        Duration left = Duration.ofNanos(endNanos - System.nanoTime());
        return left.compareTo(options.timeout()) < 0 ? left : options.timeout();
    }

    private boolean hasBudget() {
        return runs < options.shrinkRuns() && endNanos - System.nanoTime() > LEAST_RUN_TIME.toNanos();
    }

    /** {@code pairs} without the deviations from index {@code from} (inclusive) to {@code to} (exclusive). */
    private static int[] without(int[] pairs, int from, int to) {
        int[] rest = new int[pairs.length - 2 * (to - from)];
        System.arraycopy(pairs, 0, rest, 0, 2 * from);
        System.arraycopy(pairs, 2 * to, rest, 2 * from, pairs.length - 2 * to);
        return rest;
    }

    /**
     * What makes two failures "the same" for shrinking: the exception's type and the line of the user's code it came
     * from (the first frame outside assertion libraries, test engines, the JDK, Kotlin and Herder's machinery). A
     * shrunk schedule that fails another way — another assertion, a timeout — is a different bug.
     */
    record Signature(Class<?> type, String where) {
        static Signature of(Throwable failure) {
            for (StackTraceElement frame : failure.getStackTrace()) {
                if (!Frames.isLibrary(frame.getClassName())) {
                    return new Signature(failure.getClass(), frame.getClassName() + ":" + frame.getLineNumber());
                }
            }
            return new Signature(failure.getClass(), null);
        }
    }
}
