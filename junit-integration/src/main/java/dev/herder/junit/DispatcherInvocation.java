package dev.herder.junit;

import dev.herder.DispatcherKind;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One invocation of a {@code @DispatcherTest}: named {@code [KIND]}; its condition records the kind for the
 * interceptor and skips kinds this JVM cannot run.
 */
final class DispatcherInvocation implements TestTemplateInvocationContext {
    private final DispatcherKind kind;

    DispatcherInvocation(DispatcherKind kind) {
        this.kind = kind;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "[" + kind + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Selection(kind));
    }

    /** Records the invocation's kind in its store, and disables it where the kind is not available. */
    static final class Selection implements ExecutionCondition {
        private final DispatcherKind kind;

        Selection(DispatcherKind kind) {
            this.kind = kind;
        }

        static DispatcherKind of(ExtensionContext context) {
            return context.getStore(HerderExtension.NAMESPACE).get(DispatcherKind.class, DispatcherKind.class);
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            context.getStore(HerderExtension.NAMESPACE).put(DispatcherKind.class, kind);
            if (!kind.isAvailable()) {
                return ConditionEvaluationResult.disabled("DispatcherKind." + kind + " needs JDK 21 or newer; "
                    + "this run uses JDK " + Runtime.version().feature());
            }
            return ConditionEvaluationResult.enabled(kind + " is available");
        }
    }
}
