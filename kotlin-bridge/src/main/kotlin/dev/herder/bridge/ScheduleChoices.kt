package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import java.util.IdentityHashMap
import java.util.SplittableRandom

/**
 * The choices of an explored schedule: which of the tasks due at one instant runs next, drawn by one strategy from a
 * seeded [SplittableRandom] (whose sequence the JDK specifies, so a seed gives the same choices on every JVM), and the
 * trace of what ran, for the replay hint of a failing test. Made by [uniform], [pct] or [pos].
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class ScheduleChoices private constructor(private val strategy: Strategy) {
    private val steps = ArrayList<Step>()
    private var dropped = 0

    /** One task the schedule ran: when, which coroutine, where it resumed, and among how many due at that instant. */
    public class Step(
        public val time: Long,
        public val coroutine: String,
        public val resumedAt: StackTraceElement?,
        public val dueTogether: Int,
    )

    /** The index of the task to run among [due] (two or more tasks due at one instant, in the order they arrived). */
    internal fun pick(due: List<Any>): Int = strategy.pick(due)

    internal fun ran(task: Any, time: Long, dueTogether: Int) {
        strategy.ran(task)
        if (steps.size == MAX_STEPS) {
            steps.removeAt(0)
            dropped++
        }
        val (name, frame) = TaskDescriptions.describe(task)
        steps.add(Step(time, name, frame, dueTogether))
    }

    /** The last steps the schedule ran (at most [MAX_STEPS]), oldest first. */
    public fun steps(): List<Step> = steps.toList()

    /** How many earlier steps were left out of [steps]. */
    public fun dropped(): Int = dropped

    private interface Strategy {
        fun pick(due: List<Any>): Int
        fun ran(task: Any) {}
    }

    /** Uniform: each task due together equally likely, at every choice point. */
    private class Uniform(seed: Long) : Strategy {
        private val random = SplittableRandom(seed)
        override fun pick(due: List<Any>): Int = random.nextInt(due.size)
    }

    /**
     * PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte: "A randomized scheduler with probabilistic guarantees of
     * finding bugs", ASPLOS 2010), over coroutines instead of threads and choice points instead of instructions:
     * each coroutine, when first seen due, gets a random priority above every change-point priority; the highest
     * due one runs. At `depth - 1` choice points drawn uniformly from the first [steps], the coroutine about to run
     * drops to a priority below all others (the i-th change point to `depth - i`), and the choice is made again.
     */
    private class Pct(seed: Long, private val depth: Int, steps: Int) : Strategy {
        private val random = SplittableRandom(seed)
        private val priorities = IdentityHashMap<Any, Double>()
        private val changeAt: IntArray = drawChangePoints(depth - 1, steps)
        private var choicePoint = 0

        private fun drawChangePoints(count: Int, steps: Int): IntArray {
            val points = LinkedHashSet<Int>()
            while (points.size < count) points.add(1 + random.nextInt(steps))
            return points.toIntArray()
        }

        override fun pick(due: List<Any>): Int {
            choicePoint++
            val coroutines = due.map(TaskDescriptions::coroutineOf)
            for (c in coroutines) priorities.computeIfAbsent(c) { depth + random.nextDouble() }
            var best = highest(coroutines)
            val change = changeAt.indexOf(choicePoint)
            if (change >= 0) {
                priorities[coroutines[best]] = (depth - 1 - change).toDouble()
                best = highest(coroutines)
            }
            return best
        }

        private fun highest(coroutines: List<Any>): Int {
            var best = 0
            for (i in 1 until coroutines.size) if (priorities[coroutines[i]]!! > priorities[coroutines[best]]!!) best = i
            return best
        }
    }

    /**
     * POS (Yuan, Yang, Gu: "Partial order aware concurrency sampling", CAV 2018), without access information: each
     * task, when first seen due, gets a random priority it keeps while it waits; the highest due one runs. Herder does
     * not see which state a task touches, so the re-draw of racing events becomes: the task that ran leaves, and
     * whatever it made due (its coroutine's next step, the coroutines it resumed) arrives with a fresh priority.
     */
    private class Pos(seed: Long) : Strategy {
        private val random = SplittableRandom(seed)
        private val priorities = IdentityHashMap<Any, Double>()

        override fun pick(due: List<Any>): Int {
            var best = 0
            var bestPriority = -1.0
            for ((i, task) in due.withIndex()) {
                val p = priorities.computeIfAbsent(task) { random.nextDouble() }
                if (p > bestPriority) {
                    best = i
                    bestPriority = p
                }
            }
            return best
        }

        override fun ran(task: Any) {
            priorities.remove(task)   // a coroutine's continuation is dispatched again as the same object: a new event
        }
    }

    public companion object {
        /** Steps kept for the trace: the last ones, where a failure shows. */
        public const val MAX_STEPS: Int = 200

        /** A uniformly random choice among the tasks due together. */
        @JvmStatic
        public fun uniform(seed: Long): ScheduleChoices = ScheduleChoices(Uniform(seed))

        /** PCT of [depth] (1 or more) with its change points among the first [steps] choice points. */
        @JvmStatic
        public fun pct(seed: Long, depth: Int, steps: Int): ScheduleChoices = ScheduleChoices(Pct(seed, depth, steps))

        /** Partial-order sampling. */
        @JvmStatic
        public fun pos(seed: Long): ScheduleChoices = ScheduleChoices(Pos(seed))
    }
}
