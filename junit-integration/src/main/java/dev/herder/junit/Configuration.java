package dev.herder.junit;

import dev.herder.DispatcherKind;
import dev.herder.TestOptions;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The project-wide configuration, parsed once per engine run into the root store, and the {@link TestOptions} of
 * each method: annotation attributes first, then the configuration parameters, then Herder's defaults.
 */
final class Configuration {
    /**
     * Configuration parameter (e.g. in {@code junit-platform.properties}, or a system property) with the default test
     * timeout: the same name as the core's system property, {@value TestOptions#TIMEOUT_PROPERTY}.
     */
    static final String TIMEOUT_KEY = TestOptions.TIMEOUT_PROPERTY;

    /** Configuration parameter (or system property) turning virtual dispatchers on for the whole suite. */
    static final String VIRTUAL_DISPATCHERS_KEY = TestOptions.VIRTUAL_DISPATCHERS_PROPERTY;

    /** Configuration parameter (or system property) fixing the base seed of {@code @ExploreSchedules(runs = N)}. */
    static final String SCHEDULE_SEED_KEY = "herder.schedule.seed";

    /** The {@code runs} of an {@code @ExploreSchedules} that does not declare it. */
    static final int RUNS_UNSET = -1;

    /** How many seeds an {@code @ExploreSchedules} that declares neither runs nor seeds explores. */
    static final int DEFAULT_RUNS = 100;

    private final String defaultTimeout;
    private final boolean virtualDispatchers;
    private final Long baseSeed;

    private Configuration(ExtensionContext root) {
        String key = TIMEOUT_KEY;
        this.defaultTimeout = root.getConfigurationParameter(key).orElse(null);
        if (defaultTimeout != null) {
            try {
                TestOptions.defaults().withTimeout(defaultTimeout);   // fail once, at the first test, on a bad value
            } catch (IllegalArgumentException e) {
                throw JUnitFailures.invalidTimeoutParameter(key, defaultTimeout, e);
            }
        }
        this.virtualDispatchers = root.getConfigurationParameter(VIRTUAL_DISPATCHERS_KEY).map(Boolean::parseBoolean)
            .orElse(false);
        this.baseSeed = root.getConfigurationParameter(SCHEDULE_SEED_KEY).map(Configuration::parseSeed).orElse(null);
    }

    static Configuration of(ExtensionContext context) {
        return context.getRoot().getStore(HerderExtension.NAMESPACE)
            .getOrComputeIfAbsent(Configuration.class, key -> new Configuration(context.getRoot()), Configuration.class);
    }

    /** The options for running {@code method}, optionally on {@code kind} (a {@code @DispatcherTest} invocation). */
    TestOptions optionsFor(Method method, ExtensionContext context, DispatcherKind kind) {
        TestOptions options = TestOptions.defaults();
        if (defaultTimeout != null) {
            options = options.withTimeout(defaultTimeout);
        }
        String timeout = "";
        boolean neverAwaitedCheck = true;
        DispatcherKind dispatcher = kind;
        Optional<CoroutineTest> coroutineTest = AnnotationSupport.findAnnotation(method, CoroutineTest.class);
        Optional<DispatcherTest> dispatcherTest = AnnotationSupport.findAnnotation(method, DispatcherTest.class);
        Optional<ExploreSchedules> exploration = AnnotationSupport.findAnnotation(method, ExploreSchedules.class);
        String annotation = null;
        boolean virtual = false;
        if (coroutineTest.isPresent()) {
            virtual = coroutineTest.get().virtualDispatchers();
            annotation = "@CoroutineTest";
            timeout = coroutineTest.get().timeout();
            neverAwaitedCheck = coroutineTest.get().failOnNeverAwaited();
            dispatcher = dispatcher != null ? dispatcher : coroutineTest.get().dispatcher();
        } else {
            // Both templates may be present (Combinations checked their timeouts agree): no attribute is dropped.
            if (dispatcherTest.isPresent()) {
                annotation = "@DispatcherTest";
                timeout = dispatcherTest.get().timeout();
                neverAwaitedCheck = dispatcherTest.get().failOnNeverAwaited();
            }
            if (exploration.isPresent()) {
                if (annotation == null || !exploration.get().timeout().isBlank()) {
                    annotation = "@ExploreSchedules";
                    timeout = exploration.get().timeout();
                }
                neverAwaitedCheck = neverAwaitedCheck && exploration.get().failOnNeverAwaited();
                virtual = exploration.get().virtualDispatchers();
            }
        }
        if (!timeout.isBlank()) {
            options = withTimeout(options, timeout, annotation, method);
        }
        if (dispatcher != null) {
            options = options.withDispatcher(dispatcher);
        }
        boolean onVirtualTime = dispatcher == null || dispatcher.usesVirtualTime();
        if (virtual || (virtualDispatchers && onVirtualTime)) {
            try {
                options = options.withVirtualDispatchers(true);
            } catch (IllegalArgumentException e) {
                throw JUnitFailures.virtualDispatchersOnRealTime(annotation, method, dispatcher, e);
            }
        }
        dev.herder.Schedule schedule = ScheduleInvocation.of(context);
        if (schedule != null) {
            options = options.withSchedule(schedule);
        }
        return options.withFailOnNeverAwaited(neverAwaitedCheck).withName(context.getDisplayName());
    }

    private static Long parseSeed(String text) {
        String t = text.trim().replace("_", "");
        try {
            if (t.endsWith("L") || t.endsWith("l")) {
                t = t.substring(0, t.length() - 1);
            }
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw JUnitFailures.invalidSeed(SCHEDULE_SEED_KEY, text, e);
        }
    }

    /** The seeds of one exploration: the annotation's own, or {@code runs} derived from the base seed. */
    java.util.List<Long> seedsFor(ExploreSchedules exploration, Method method, ExtensionContext context) {
        if (exploration.seeds().length > 0) {
            return java.util.Arrays.stream(exploration.seeds()).boxed().toList();
        }
        int runs = exploration.runs() == RUNS_UNSET ? DEFAULT_RUNS : exploration.runs();
        if (runs < 1) {
            throw JUnitFailures.runsNotPositive(method, runs);
        }
        long base = baseSeed != null ? baseSeed : java.util.concurrent.ThreadLocalRandom.current().nextLong();
        context.publishReportEntry(SCHEDULE_SEED_KEY, String.format(java.util.Locale.ROOT, "0x%016X", base));
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(base ^ method.toGenericString().hashCode());
        return java.util.stream.LongStream.generate(seeds::nextLong).limit(runs).boxed().toList();
    }

    private static TestOptions withTimeout(TestOptions options, String text, String annotation, Method method) {
        try {
            return options.withTimeout(text);
        } catch (IllegalArgumentException e) {
            throw JUnitFailures.invalidTimeout(annotation, method, text, e);
        }
    }
}
