package dev.herder;

import java.util.Locale;

/**
 * The order in which a coroutine test runs the tasks due at the same virtual instant — the JVM's "event-loop
 * variants". kotlinx's test scheduler always runs them in the order they arrived ({@link #fifo()}), so a test sees one
 * interleaving, every time, and a bug that depends on the order of coroutines at a suspension point (a check-then-act
 * across a suspension, a lost update, an event handled before its subscriber is ready) passes on every run.
 * {@link #shuffled(long)} runs every set of tasks due at one instant in an order drawn from a seed instead: coroutines
 * launched, resumed or dispatched, virtual-dispatcher work, {@code scheduledExecutor()} tasks, flow collection. Virtual
 * time order is kept, and the same seed gives the same interleaving on every run, JVM and machine.
 *
 * <pre>{@code
 * Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(Schedule.shuffled(0x5EEDL)), scope -> { ... });
 * }</pre>
 *
 * <p>A test that fails under a shuffled schedule carries a suppressed exception saying how to replay it, with the
 * interleaving it ran. {@code @ExploreSchedules} (herder-junit) runs one test under many seeds.
 */
public final class Schedule {
    private static final Schedule FIFO = new Schedule(false, 0);

    private final boolean shuffled;
    private final long seed;

    private Schedule(boolean shuffled, long seed) {
        this.shuffled = shuffled;
        this.seed = seed;
    }

    /** kotlinx's own order: tasks due at one instant run in the order they arrived. The default. */
    public static Schedule fifo() {
        return FIFO;
    }

    /** Tasks due at one instant run in a uniformly random order drawn from {@code seed}; time order is kept. */
    public static Schedule shuffled(long seed) {
        return new Schedule(true, seed);
    }

    /** The seed of a shuffled schedule; 0 for {@link #fifo()}. */
    public long seed() {
        return seed;
    }

    /** Whether tasks due at one instant run in a shuffled order. */
    public boolean isShuffled() {
        return shuffled;
    }

    /** The seed as Herder writes it: {@code 0x} and 16 hexadecimal digits. */
    static String hex(long seed) {
        return String.format(Locale.ROOT, "0x%016X", seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && shuffled == other.shuffled && seed == other.seed;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(shuffled) * 31 + Long.hashCode(seed);
    }

    /** {@code fifo} or {@code shuffled(seed=0x…)}. */
    @Override
    public String toString() {
        return shuffled ? "shuffled(seed=" + hex(seed) + ")" : "fifo";
    }
}
