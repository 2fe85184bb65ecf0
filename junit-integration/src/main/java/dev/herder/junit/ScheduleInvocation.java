package dev.herder.junit;

import dev.herder.DispatcherKind;
import dev.herder.Schedule;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One invocation of an {@code @ExploreSchedules} test: named {@code seed=0x…} or {@code replay=3:2, 7:3}
 * ({@code [KIND] seed=0x…} when it also
 * runs on a {@code @DispatcherTest} kind); records its schedule, and its kind, in its store.
 */
final class ScheduleInvocation implements TestTemplateInvocationContext {
    private final Schedule schedule;
    private final DispatcherKind kind;

    /** The invocation under {@code schedule}, on {@code kind} or, if null, the default dispatcher. */
    ScheduleInvocation(Schedule schedule, DispatcherKind kind) {
        this.schedule = schedule;
        this.kind = kind;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        String seed = schedule.strategy() == Schedule.Strategy.REPLAY ? "replay=" + schedule.replayString()
            : String.format(Locale.ROOT, "seed=0x%016X", schedule.seed());
        return kind == null ? seed : "[" + kind + "] " + seed;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        Extension recordSchedule = (ExecutionCondition) context -> {
            context.getStore(HerderExtension.NAMESPACE).put(Schedule.class, schedule);
            return ConditionEvaluationResult.enabled(schedule.toString());
        };
        return kind == null ? List.of(recordSchedule) : List.of(recordSchedule, new DispatcherInvocation.Selection(kind));
    }

    /** The schedule of the invocation {@code context} belongs to, or null outside an exploration. */
    static Schedule of(ExtensionContext context) {
        return context.getStore(HerderExtension.NAMESPACE).get(Schedule.class, Schedule.class);
    }
}
