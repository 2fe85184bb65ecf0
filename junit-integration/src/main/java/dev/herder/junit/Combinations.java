package dev.herder.junit;

import dev.herder.DispatcherKind;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which of Herder's annotations one method may carry together, so that no attribute is silently dropped:
 * {@code @ExploreSchedules} with {@code @DispatcherTest} explores every listed kind (test dispatchers only);
 * {@code @CoroutineTest} or {@code @Test} with either template would add a run of its own, so it is refused; and two
 * different timeouts are refused. Each refusal is a configuration error that says what to write instead.
 */
final class Combinations {
    private Combinations() {}

    /**
     * Checks the annotations of {@code method}, the first time any part of it runs: the plain test (a {@code @Test})
     * and the template's invocations alike.
     *
     * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException naming the combination and its fix
     */
    static void check(Method method) {
        Optional<ExploreSchedules> exploration = AnnotationSupport.findAnnotation(method, ExploreSchedules.class);
        Optional<DispatcherTest> dispatcherTest = AnnotationSupport.findAnnotation(method, DispatcherTest.class);
        if (exploration.isEmpty() && dispatcherTest.isEmpty()) {
            return;
        }
        String template = exploration.isPresent() ? "@ExploreSchedules" : "@DispatcherTest";
        if (AnnotationSupport.isAnnotated(method, CoroutineTest.class)) {
            throw JUnitFailures.testBesidesTemplate("@CoroutineTest", template, method);
        }
        if (AnnotationSupport.isAnnotated(method, Test.class)) {
            throw JUnitFailures.testBesidesTemplate("@Test", template, method);
        }
        if (exploration.isPresent() && dispatcherTest.isPresent()) {
            List<DispatcherKind> realTime = kinds(dispatcherTest.get()).stream().filter(k -> !k.usesVirtualTime()).toList();
            if (!realTime.isEmpty()) {
                throw JUnitFailures.explorationOnRealTime(method, realTime, dispatcherTest.get().value().length == 0);
            }
            String explorationTimeout = exploration.get().timeout().trim();
            String dispatcherTimeout = dispatcherTest.get().timeout().trim();
            if (!explorationTimeout.isEmpty() && !dispatcherTimeout.isEmpty() && !explorationTimeout.equals(dispatcherTimeout)) {
                throw JUnitFailures.twoTimeouts(method, explorationTimeout, dispatcherTimeout);
            }
        }
        if (exploration.isPresent() && !exploration.get().replay().isBlank()) {
            ExploreSchedules e = exploration.get();
            List<String> others = new java.util.ArrayList<>();
            if (e.runs() != Configuration.RUNS_UNSET) {
                others.add("runs");
            }
            if (e.seeds().length > 0) {
                others.add("seeds");
            }
            if (e.strategy() != ExploreSchedules.Strategy.CONFIGURED) {
                others.add("strategy");
            }
            if (e.depth() != Configuration.DEPTH_UNSET) {
                others.add("depth");
            }
            if (e.delayJitter() != 0) {
                others.add("delayJitter");
            }
            if (!others.isEmpty()) {
                throw JUnitFailures.replayWith(method, e.replay(), String.join(", ", others));
            }
        }
        if (exploration.isPresent() && exploration.get().seeds().length > 0 && exploration.get().runs() != Configuration.RUNS_UNSET) {
            throw JUnitFailures.runsAndSeeds(method, exploration.get().runs(), exploration.get().seeds().length);
        }
    }

    /** The kinds a {@code @DispatcherTest} runs on: its list, or every kind when the list is empty. */
    static List<DispatcherKind> kinds(DispatcherTest dispatcherTest) {
        return Arrays.asList(dispatcherTest.value().length > 0 ? dispatcherTest.value() : DispatcherKind.values());
    }
}
