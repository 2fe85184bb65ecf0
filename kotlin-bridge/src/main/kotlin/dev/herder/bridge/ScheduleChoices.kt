package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import java.util.SplittableRandom

/**
 * The choices of a shuffled schedule: which of the tasks due at one instant runs next, drawn uniformly from a seeded
 * [SplittableRandom] (whose sequence the JDK specifies, so a seed gives the same choices on every JVM), and the trace of
 * what ran, for the replay hint of a failing test.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public class ScheduleChoices(seed: Long) {
    private val random = SplittableRandom(seed)
    private val steps = ArrayList<Step>()
    private var dropped = 0

    /** One task the schedule ran: when, which coroutine, where it resumed, and among how many due at that instant. */
    public class Step(
        public val time: Long,
        public val coroutine: String,
        public val resumedAt: StackTraceElement?,
        public val dueTogether: Int,
    )

    internal fun pick(due: Int): Int = random.nextInt(due)

    internal fun ran(task: Any, time: Long, dueTogether: Int) {
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

    public companion object {
        /** Steps kept for the trace: the last ones, where a failure shows. */
        public const val MAX_STEPS: Int = 200
    }
}
