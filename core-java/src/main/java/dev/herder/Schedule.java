package dev.herder;

import java.util.Locale;

/**
 * The order in which a coroutine test runs the tasks due at the same virtual instant. kotlinx's test scheduler always runs them in the order they arrived ({@link #fifo()}), so a test sees one
 * interleaving, every time, and a bug that depends on the order of coroutines at a suspension point (a check-then-act
 * across a suspension, a lost update, an event handled before its subscriber is ready) passes on every run.
 * An explored schedule runs every set of tasks due at one instant in an order drawn from a seed instead: coroutines
 * launched, resumed or dispatched, virtual-dispatcher work, {@code scheduledExecutor()} tasks, flow collection. Virtual
 * time order is kept, and the same schedule gives the same interleaving on every run, JVM and machine. Three
 * {@linkplain Strategy strategies} draw the order:
 *
 * <ul>
 *   <li>{@link #shuffled(long)}: a uniformly random choice among the tasks due together, at every step;</li>
 *   <li>{@link #pct(long, int)}: PCT (Burckhardt et al., 2010) — a random priority per coroutine, the highest due one
 *       runs, and {@code depth - 1} random steps where the running coroutine drops to the lowest priority; a bug that
 *       needs {@code depth} ordering constraints among {@code n} coroutines is found with probability at least
 *       {@code 1/(n·k^(depth-1))} per run, {@code k} being the run's choice points (at most {@value #PCT_STEPS});</li>
 *   <li>{@link #pos(long)}: partial-order sampling (Yuan et al., 2018) — a random priority per ready task, kept while
 *       it waits; a task that keeps losing keeps its low priority, so long delays of one task are far likelier than
 *       under the uniform shuffle.</li>
 * </ul>
 *
 * <pre>{@code
 * Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(Schedule.pct(0x5EEDL, 3)), scope -> { ... });
 * }</pre>
 *
 * <p>A test that fails under an explored schedule carries a suppressed exception saying how to replay it (strategy,
 * seed and depth), with the interleaving it ran. {@code @ExploreSchedules} (herder-junit) runs one test under many
 * seeds.
 */
public final class Schedule {
    /**
     * How many choice points (steps where two or more tasks were due together) PCT spreads its priority-change points
     * over: the {@code k} of its bound. A run with more choice points is still explored; its later ones see no change.
     */
    public static final int PCT_STEPS = 8;

    /** How an explored schedule draws the order of the tasks due at one instant. */
    public enum Strategy {
        /** kotlinx's arrival order: not explored. */
        FIFO,
        /** A uniformly random choice among the tasks due together, at every step. */
        SHUFFLED,
        /** Probabilistic concurrency testing: random priorities per coroutine, {@code depth - 1} change points. */
        PCT,
        /** Partial-order sampling: a random priority per ready task, kept while it waits. */
        POS,
        /**
         * A recorded order ({@link #replay(String)}): kotlinx's arrival order except at the listed choice points — the
         * form of a shrunk failing schedule.
         */
        REPLAY
    }

    /** The largest {@linkplain #withDelayJitter(int) delay jitter}, in percent of each delay. */
    public static final int MAX_DELAY_JITTER = 50;

    private static final int[] NO_DEVIATIONS = new int[0];

    /** The position of a {@code "3:last"} deviation in {@link #deviations()}. */
    private static final int LAST = 0;

    private static final Schedule FIFO = new Schedule(Strategy.FIFO, 0, 0, 0, NO_DEVIATIONS);

    private final Strategy strategy;
    private final long seed;
    private final int depth;
    private final int delayJitter;
    /** A replay's deviations: pairs of (choice point, position), choice points ascending, positions 2 or more. */
    private final int[] deviations;

    private Schedule(Strategy strategy, long seed, int depth, int delayJitter, int[] deviations) {
        this.strategy = strategy;
        this.seed = seed;
        this.depth = depth;
        this.delayJitter = delayJitter;
        this.deviations = deviations;
    }

    private Schedule(Strategy strategy, long seed, int depth, int delayJitter) {
        this(strategy, seed, depth, delayJitter, NO_DEVIATIONS);
    }

    /** kotlinx's own order: tasks due at one instant run in the order they arrived. The default. */
    public static Schedule fifo() {
        return FIFO;
    }

    /** Tasks due at one instant run in a uniformly random order drawn from {@code seed}; time order is kept. */
    public static Schedule shuffled(long seed) {
        return new Schedule(Strategy.SHUFFLED, seed, 0, 0);
    }

    /**
     * PCT: each coroutine gets a random priority drawn from {@code seed} and the highest-priority due task runs; at
     * {@code depth - 1} choice points drawn from the seed (among the first {@value #PCT_STEPS}), the coroutine about to
     * run drops below all others. {@code depth} 1 is a random priority order and nothing more; 2 or 3 find most
     * ordering bugs.
     *
     * @throws IllegalArgumentException if {@code depth} is below 1 or above {@value #PCT_STEPS}
     */
    public static Schedule pct(long seed, int depth) {
        if (depth < 1 || depth > PCT_STEPS) {
            throw new IllegalArgumentException("Schedule.pct needs a depth from 1 to " + PCT_STEPS + " (the number of "
                + "ordering constraints the bugs it looks for need; 2 or 3 find most), but was " + depth + ".");
        }
        return new Schedule(Strategy.PCT, seed, depth, 0);
    }

    /** POS: each ready task gets a random priority drawn from {@code seed}, kept while it waits; the highest runs. */
    public static Schedule pos(long seed) {
        return new Schedule(Strategy.POS, seed, 0, 0);
    }

    /**
     * A recorded order: kotlinx's arrival order, except at the listed <em>choice points</em> (the steps where two or
     * more tasks were due at one virtual instant, counted from 1), where the task that arrived at the given position
     * runs first. {@code "3:2, 7:3"} runs the second-arrived task at the third choice point and the third-arrived at the
     * seventh. {@code "3:last"} sends the coroutine kotlinx would run at the third choice point to the back: from there
     * on its tasks run only when no other coroutine's task is due (one deviation where "run it after all the others"
     * would take one per step). A failing explored schedule is shrunk to this form ({@code @ExploreSchedules} and
     * {@code Coroutines.runBlockingTest} do it on a failure, see {@code TestOptions.withShrinkBudget}), and the failure
     * says which replay string reproduces it; a position past the tasks due at that point runs the last of them.
     *
     * <p>A jittered schedule's replay string ends with the jitter and the seed it was drawn from:
     * {@code "3:2; jitter 20% from 0x000000000005EED0"}. The empty string is kotlinx's order with Herder's exploration
     * machinery on (coroutines named by their launch sites).
     *
     * <pre>{@code
     * TestOptions.defaults().withSchedule(Schedule.replay("3:2, 7:3"))
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code choices} is not of that form: it says what is wrong
     */
    public static Schedule replay(String choices) {
        if (choices == null) {
            throw new IllegalArgumentException("Schedule.replay needs the choices a failure printed, e.g. \"3:2, 7:3\", "
                + "not null.");
        }
        String text = choices.trim();
        int jitter = 0;
        long seed = 0;
        int semicolon = text.indexOf(';');
        if (semicolon >= 0) {
            String[] words = text.substring(semicolon + 1).trim().split("\\s+");
            if (words.length != 4 || !words[0].equals("jitter") || !words[1].endsWith("%") || !words[2].equals("from")
                || !words[3].startsWith("0x")) {
                throw invalidReplay(choices, "its jitter part must read \"; jitter 20% from 0x…\"");
            }
            try {
                jitter = Integer.parseInt(words[1].substring(0, words[1].length() - 1));
                seed = Long.parseUnsignedLong(words[3].substring(2), 16);
            } catch (NumberFormatException e) {
                throw invalidReplay(choices, "its jitter part must read \"; jitter 20% from 0x…\"");
            }
            if (jitter < 1 || jitter > MAX_DELAY_JITTER) {
                throw invalidReplay(choices, "a jitter is 1 to " + MAX_DELAY_JITTER + " %");
            }
            text = text.substring(0, semicolon).trim();
        }
        java.util.TreeMap<Integer, Integer> points = new java.util.TreeMap<>();
        if (!text.isEmpty()) {
            for (String entry : text.split(",")) {
                String[] parts = entry.trim().split(":", -1);
                int point;
                int position;
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    point = Integer.parseInt(parts[0].trim());
                    position = parts[1].trim().equals("last") ? LAST : Integer.parseInt(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw invalidReplay(choices, "\"" + entry.trim() + "\" is not choicePoint:position or "
                        + "choicePoint:last");
                }
                if (point < 1 || position < 1 && !parts[1].trim().equals("last")) {
                    throw invalidReplay(choices, "choice points and positions count from 1, but \"" + entry.trim()
                        + "\" has a smaller one");
                }
                if (points.containsKey(point)) {
                    throw invalidReplay(choices, "choice point " + point + " is listed twice");
                }
                points.put(point, position);
            }
        }
        int[] deviations = points.entrySet().stream().filter(e -> e.getValue() != 1)
            .flatMapToInt(e -> java.util.stream.IntStream.of(e.getKey(), e.getValue())).toArray();
        return new Schedule(Strategy.REPLAY, seed, 0, jitter, deviations);
    }

    private static IllegalArgumentException invalidReplay(String choices, String why) {
        return new IllegalArgumentException("Schedule.replay(\"" + choices + "\") cannot be read: " + why + ". Pass the "
            + "replay string a failure printed, e.g. \"3:2, 7:3\" (at the 3rd choice point the 2nd-arrived task runs "
            + "first, at the 7th the 3rd-arrived), optionally followed by \"; jitter 20% from 0x…\".");
    }

    /**
     * A replay's deviations from kotlinx's order, as pairs: {@code [choicePoint1, position1, choicePoint2, …]}, choice
     * points ascending, position {@code 0} for {@code last}; empty for every other strategy. A copy.
     */
    public int[] deviations() {
        return deviations.clone();
    }

    /** How many choice points of a {@linkplain #replay(String) replay} deviate from kotlinx's order; 0 otherwise. */
    public int deviationCount() {
        return deviations.length / 2;
    }

    /**
     * The string {@link #replay(String)} reads back into this schedule: {@code "3:2, 7:3"}, with
     * {@code "; jitter 20% from 0x…"} when delays are jittered. Only for {@link Strategy#REPLAY}.
     *
     * @throws IllegalStateException for the other strategies, which a seed replays
     */
    public String replayString() {
        if (strategy != Strategy.REPLAY) {
            throw new IllegalStateException(this + " is replayed by its seed, not by a replay string.");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < deviations.length; i += 2) {
            b.append(i == 0 ? "" : ", ").append(deviations[i]).append(':')
                .append(deviations[i + 1] == LAST ? "last" : Integer.toString(deviations[i + 1]));
        }
        if (delayJitter != 0) {
            b.append("; jitter ").append(delayJitter).append("% from ").append(hex(seed));
        }
        return b.toString();
    }

    /**
     * This schedule, with every virtual delay of the test's coroutines — on its test dispatcher, {@code Dispatchers.Main}
     * and, with virtual dispatchers, {@code Dispatchers.IO}/{@code Default} — stretched or shrunk by up to
     * {@code percent} % of itself, by an amount drawn from the seed: races that live in timing rather than in ties (a
     * 100 ms and a 120 ms fake latency, which kotlinx always runs in one order) are explored too. The same seed and
     * percent give the same delays on every run; timeouts ({@code withTimeout}) and the test's own clock calls keep
     * their exact length.
     *
     * <pre>{@code
     * TestOptions.defaults().withSchedule(Schedule.pct(0x5EEDL, 3).withDelayJitter(25))
     * }</pre>
     *
     * @throws IllegalArgumentException if this is {@link #fifo()} (jitter needs a seed), or {@code percent} is not
     *     between 0 and {@value #MAX_DELAY_JITTER}
     */
    public Schedule withDelayJitter(int percent) {
        if (strategy == Strategy.FIFO) {
            throw new IllegalArgumentException("Schedule.fifo() has no seed to draw a delay jitter from: jitter an "
                + "explored schedule, e.g. Schedule.pct(seed, 3).withDelayJitter(" + percent + ").");
        }
        if (percent < 0 || percent > MAX_DELAY_JITTER) {
            throw new IllegalArgumentException("Schedule.withDelayJitter needs a percent from 0 to " + MAX_DELAY_JITTER
                + " (how far each delay may stretch or shrink; 10 to 25 finds most latency races), but was "
                + percent + ".");
        }
        if (strategy == Strategy.REPLAY) {
            throw new IllegalArgumentException("A replay's jitter is part of its replay string (\"3:2; jitter "
                + percent + "% from 0x…\"), drawn from the seed of the schedule it was shrunk from: pass the whole "
                + "string a failure printed to Schedule.replay.");
        }
        return new Schedule(strategy, seed, depth, percent);
    }

    /** How far, in percent, each delay may stretch or shrink ({@link #withDelayJitter(int)}); 0: delays are exact. */
    public int delayJitter() {
        return delayJitter;
    }

    /** The strategy that draws this schedule's order; {@link Strategy#FIFO} for {@link #fifo()}. */
    public Strategy strategy() {
        return strategy;
    }

    /** The seed of an explored schedule; 0 for {@link #fifo()}; a replay's: the one its jitter is drawn from, or 0. */
    public long seed() {
        return seed;
    }

    /** PCT's depth; 0 for the other strategies. */
    public int depth() {
        return depth;
    }

    /** Whether tasks due at one instant run in an order drawn from the seed, by any strategy: not {@link #fifo()}. */
    public boolean isShuffled() {
        return strategy != Strategy.FIFO;
    }

    /** The seed as Herder writes it: {@code 0x} and 16 hexadecimal digits. */
    static String hex(long seed) {
        return String.format(Locale.ROOT, "0x%016X", seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && strategy == other.strategy && seed == other.seed && depth == other.depth
            && delayJitter == other.delayJitter && java.util.Arrays.equals(deviations, other.deviations);
    }

    @Override
    public int hashCode() {
        return (((strategy.hashCode() * 31 + Long.hashCode(seed)) * 31 + depth) * 31 + delayJitter) * 31
            + java.util.Arrays.hashCode(deviations);
    }

    /**
     * {@code fifo}, {@code shuffled(seed=0x…)}, {@code pct(seed=0x…, depth=3)} or {@code pos(seed=0x…)}, with
     * {@code , delayJitter=20%} when delays are jittered; {@code replay("3:2, 7:3")} for a replay.
     */
    @Override
    public String toString() {
        String jitter = delayJitter == 0 ? "" : ", delayJitter=" + delayJitter + "%";
        return switch (strategy) {
            case FIFO -> "fifo";
            case SHUFFLED -> "shuffled(seed=" + hex(seed) + jitter + ")";
            case PCT -> "pct(seed=" + hex(seed) + ", depth=" + depth + jitter + ")";
            case POS -> "pos(seed=" + hex(seed) + jitter + ")";
            case REPLAY -> "replay(\"" + replayString() + "\")";
        };
    }
}
