package dev.herder.junit;

import dev.herder.Schedule;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One invocation of an {@code @ExploreSchedules} test: named {@code seed=0x…}; records its schedule in its store. */
final class ScheduleInvocation implements TestTemplateInvocationContext {
    private final Schedule schedule;

    ScheduleInvocation(long seed) {
        this.schedule = Schedule.shuffled(seed);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return String.format(Locale.ROOT, "seed=0x%016X", schedule.seed());
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of((ExecutionCondition) context -> {
            context.getStore(HerderExtension.NAMESPACE).put(Schedule.class, schedule);
            return ConditionEvaluationResult.enabled(schedule.toString());
        });
    }

    /** The schedule of the invocation {@code context} belongs to, or null outside an exploration. */
    static Schedule of(ExtensionContext context) {
        return context.getStore(HerderExtension.NAMESPACE).get(Schedule.class, Schedule.class);
    }
}
