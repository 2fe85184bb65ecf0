package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import java.util.IdentityHashMap
import java.util.SplittableRandom

/**
 * The choices of an explored schedule: which of the tasks due at one instant runs next, drawn by one strategy from a
 * seeded [SplittableRandom] (whose sequence the JDK specifies, so a seed gives the same choices on every JVM), or read
 * from a recorded list ([replay]); what it chose at each choice point, for replaying and shrinking; and, for a traced
 * replay only, the trace of what ran and where it deviated, for the replay hint of a failing test (describing each
 * step costs more than choosing it, so the explored runs themselves, mostly passing, are not traced). Made by
 * [uniform], [pct], [pos] or [replay].
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class ScheduleChoices private constructor(private val strategy: Strategy, private val traced: Boolean) {
    private val steps = ArrayList<Step>()
    private var dropped = 0
    private var choicePoints = 0
    private var dueSizes = IntArray(16)
    private var deviationPairs = IntArray(16)
    private var deviationInts = 0
    private val deviations = ArrayList<Deviation>()
    private var pending: Deviation? = null

    /** One task the schedule ran: when, which coroutine, where it resumed, and among how many due at that instant. */
    public class Step(
        public val time: Long,
        public val coroutine: String,
        public val resumedAt: StackTraceElement?,
        public val dueTogether: Int,
    )

    /**
     * A choice point where the schedule ran another task than kotlinx's first-arrived one: the [position] (from 1) of the
     * task it ran among the [dueTogether] in arrival order, or [LAST] where the coroutine kotlinx would have run went to
     * the back; which coroutine ran and where it resumed, and the coroutine kotlinx would have run instead.
     */
    public class Deviation(
        public val choicePoint: Int,
        public val position: Int,
        public val dueTogether: Int,
        public val ran: String,
        public val ranAt: StackTraceElement?,
        public val passed: String,
        public val passedAt: StackTraceElement?,
        /** The coroutine that ran, as an identity: coroutines launched in Kotlin inherit their parent's name. */
        public val ranCoroutine: Any,
        /** The coroutine kotlinx would have run, as an identity. */
        public val passedCoroutine: Any,
    ) {
        /** The virtual time it happened at. */
        public var time: Long = 0
            internal set
    }

    /** The index of the task to run among [due] (two or more tasks due at one instant, in the order they arrived). */
    internal fun pick(due: List<Any>): Int {
        val point = ++choicePoints
        if (point > dueSizes.size) dueSizes = dueSizes.copyOf(dueSizes.size * 2)
        dueSizes[point - 1] = due.size
        val index = strategy.pick(due, point)
        val replay = strategy as? Replay
        val position = if (replay != null) replay.applied(point) else if (index != 0) index + 1 else NOT_A_DEVIATION
        if (position != NOT_A_DEVIATION) {
            if (deviationInts + 2 > deviationPairs.size) deviationPairs = deviationPairs.copyOf(deviationPairs.size * 2)
            deviationPairs[deviationInts++] = point
            deviationPairs[deviationInts++] = position
            if (traced && deviations.size < MAX_STEPS) {
                val (ran, ranAt) = TaskDescriptions.describe(due[index])
                val passedOver = if (position == LAST) replay!!.lastPassedOver!! else due[0]
                val (passed, passedAt) = TaskDescriptions.describe(passedOver)
                pending = Deviation(point, position, due.size, ran, ranAt, passed, passedAt,
                    TaskDescriptions.coroutineOf(due[index]), TaskDescriptions.coroutineOf(passedOver)).also(deviations::add)
            }
        }
        return index
    }

    /**
     * Where the run deviated from kotlinx's order, as pairs `[choicePoint, position, …]` (both from 1; position [LAST]:
     * the coroutine kotlinx would have run goes last from there on): the recorded form [replay] and `Schedule.replay`
     * read back. A replay records the entries of its list that it reached, not the picks they implied.
     */
    public fun deviations(): IntArray = deviationPairs.copyOf(deviationInts)

    /** The deviations described, by a traced [replay] (at most [MAX_STEPS]); empty otherwise. */
    public fun describedDeviations(): List<Deviation> = deviations.toList()

    /** How many choice points (two or more tasks due together) the run had. */
    public fun choicePoints(): Int = choicePoints

    /** How many tasks were due together at each choice point of the run, in order. */
    public fun dueSizes(): IntArray = dueSizes.copyOf(choicePoints)

    internal fun ran(task: Any, time: Long, dueTogether: Int) {
        strategy.ran(task)
        pending?.let { it.time = time; pending = null }
        if (!traced) return
        if (steps.size == MAX_STEPS) {
            steps.removeAt(0)
            dropped++
        }
        val (name, frame) = TaskDescriptions.describe(task)
        steps.add(Step(time, name, frame, dueTogether))
    }

    /** The last steps a traced [replay] ran (at most [MAX_STEPS]), oldest first; empty otherwise. */
    public fun steps(): List<Step> = steps.toList()

    /** How many earlier steps were left out of [steps]. */
    public fun dropped(): Int = dropped

    private interface Strategy {
        fun pick(due: List<Any>, choicePoint: Int): Int
        fun ran(task: Any) {}
    }

    /** Uniform: each task due together equally likely, at every choice point. */
    private class Uniform(seed: Long) : Strategy {
        private val random = SplittableRandom(seed)
        override fun pick(due: List<Any>, choicePoint: Int): Int = random.nextInt(due.size)
    }

    /**
     * A recorded order: the first-arrived task, except at the recorded choice points, where the task at the recorded
     * position runs (the last due one if fewer are due than when it was recorded), or — position [LAST] — the coroutine
     * that would run goes last: from there on, its tasks run only when no other coroutine's task is due.
     */
    private class Replay(pairs: IntArray) : Strategy {
        private val positions = HashMap<Int, Int>().apply {
            for (i in 0 until pairs.size - 1 step 2) put(pairs[i], pairs[i + 1])
        }
        private val last = java.util.Collections.newSetFromMap(IdentityHashMap<Any, Boolean>())

        /** The task whose coroutine the last [LAST] entry sent to the back. */
        var lastPassedOver: Any? = null
            private set

        /** The entry of [choicePoint] if the list has one (it was reached), else [NOT_A_DEVIATION]. */
        fun applied(choicePoint: Int): Int = positions[choicePoint] ?: NOT_A_DEVIATION

        override fun pick(due: List<Any>, choicePoint: Int): Int {
            val position = positions[choicePoint]
            if (position != null && position != LAST) return (position - 1).coerceAtMost(due.size - 1)
            var next = firstNotLast(due)
            if (position == LAST) {
                lastPassedOver = due[next]
                last.add(TaskDescriptions.coroutineOf(due[next]))
                next = firstNotLast(due)
            }
            return next
        }

        private fun firstNotLast(due: List<Any>): Int {
            if (last.isEmpty()) return 0
            for (i in due.indices) if (TaskDescriptions.coroutineOf(due[i]) !in last) return i
            return 0
        }
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
        private fun drawChangePoints(count: Int, steps: Int): IntArray {
            val points = LinkedHashSet<Int>()
            while (points.size < count) points.add(1 + random.nextInt(steps))
            return points.toIntArray()
        }

        override fun pick(due: List<Any>, choicePoint: Int): Int {
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

        override fun pick(due: List<Any>, choicePoint: Int): Int {
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
        /** The position of a deviation that sends the coroutine kotlinx would run to the back ("3:last"). */
        public const val LAST: Int = 0

        private const val NOT_A_DEVIATION: Int = -1

        /** Steps kept for the trace: the last ones, where a failure shows. */
        public const val MAX_STEPS: Int = 200

        /** A uniformly random choice among the tasks due together. */
        @JvmStatic
        public fun uniform(seed: Long): ScheduleChoices = ScheduleChoices(Uniform(seed), false)

        /** PCT of [depth] (1 or more) with its change points among the first [steps] choice points. */
        @JvmStatic
        public fun pct(seed: Long, depth: Int, steps: Int): ScheduleChoices = ScheduleChoices(Pct(seed, depth, steps), false)

        /** Partial-order sampling. */
        @JvmStatic
        public fun pos(seed: Long): ScheduleChoices = ScheduleChoices(Pos(seed), false)

        /**
         * A recorded order: the pairs `[choicePoint, position, …]` of [deviations] (both from 1); every other choice
         * point runs the first-arrived task. [traced]: its steps and deviations are described ([steps],
         * [describedDeviations]).
         */
        @JvmStatic
        public fun replay(deviations: IntArray, traced: Boolean): ScheduleChoices =
            ScheduleChoices(Replay(deviations), traced)
    }
}
