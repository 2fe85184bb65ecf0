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

    /** Configuration parameter (or system property) choosing the strategy of explorations that do not declare one. */
    static final String SCHEDULE_STRATEGY_KEY = "herder.schedule.strategy";

    /** Configuration parameter (or system property) running shard k of n of each {@code runs} exploration. */
    static final String SCHEDULE_SHARD_KEY = "herder.schedule.shard";

    /** Configuration parameter (or system property) setting the budget of shrinking a failing exploration. */
    static final String SCHEDULE_SHRINK_KEY = "herder.schedule.shrink";

    /** The strategy of an exploration that declares none, when the configuration chooses none either. */
    static final ExploreSchedules.Strategy DEFAULT_STRATEGY = ExploreSchedules.Strategy.PCT;

    /** PCT's depth when neither the annotation nor the configuration gives one. */
    static final int DEFAULT_DEPTH = 3;

    /** The {@code depth} of an {@code @ExploreSchedules} that does not declare it. */
    static final int DEPTH_UNSET = -1;

    /** The {@code runs} of an {@code @ExploreSchedules} that does not declare it. */
    static final int RUNS_UNSET = -1;

    /** How many seeds an {@code @ExploreSchedules} that declares neither runs nor seeds explores. */
    static final int DEFAULT_RUNS = 100;

    private final String defaultTimeout;
    private final boolean virtualDispatchers;
    private final Long baseSeed;
    private final int shrinkRuns;
    private final java.time.Duration shrinkTime;
    private final ExploreSchedules.Strategy strategy;
    private final int depth;
    private final int shard;
    private final int shards;

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
        String shrinkText = root.getConfigurationParameter(SCHEDULE_SHRINK_KEY).orElse(null);
        if (shrinkText == null) {
            this.shrinkRuns = TestOptions.DEFAULT_SHRINK_RUNS;
            this.shrinkTime = TestOptions.DEFAULT_SHRINK_TIME;
        } else {
            String t = shrinkText.trim();
            String[] parts = t.split("/", -1);
            try {
                this.shrinkRuns = t.equalsIgnoreCase("off") ? 0 : Integer.parseInt(parts[0].trim());
                // read as a timeout is: "5s", "500 ms", PT5S
                this.shrinkTime = parts.length == 2 ? TestOptions.defaults().withTimeout(parts[1].trim()).timeout()
                    : TestOptions.DEFAULT_SHRINK_TIME;
            } catch (IllegalArgumentException e) {
                throw JUnitFailures.invalidShrink(SCHEDULE_SHRINK_KEY, shrinkText);
            }
            if (parts.length > 2 || shrinkRuns < 0) {
                throw JUnitFailures.invalidShrink(SCHEDULE_SHRINK_KEY, shrinkText);
            }
        }
        String strategyText = root.getConfigurationParameter(SCHEDULE_STRATEGY_KEY).orElse(null);
        ExploreSchedules.Strategy configured = ExploreSchedules.Strategy.CONFIGURED;
        int configuredDepth = DEPTH_UNSET;
        if (strategyText != null) {
            String[] parts = strategyText.trim().toUpperCase(java.util.Locale.ROOT).split(":", -1);
            try {
                configured = ExploreSchedules.Strategy.valueOf(parts[0]);
                if (parts.length > 2 || configured == ExploreSchedules.Strategy.CONFIGURED
                    || (parts.length == 2 && configured != ExploreSchedules.Strategy.PCT)) {
                    throw JUnitFailures.invalidStrategy(SCHEDULE_STRATEGY_KEY, strategyText);
                }
                configuredDepth = parts.length == 2 ? Integer.parseInt(parts[1]) : DEPTH_UNSET;
            } catch (IllegalArgumentException e) {
                throw JUnitFailures.invalidStrategy(SCHEDULE_STRATEGY_KEY, strategyText);
            }
            if (parts.length == 2 && (configuredDepth < 1 || configuredDepth > dev.herder.Schedule.PCT_STEPS)) {
                throw JUnitFailures.invalidStrategy(SCHEDULE_STRATEGY_KEY, strategyText);
            }
        }
        this.strategy = configured;
        this.depth = configuredDepth;
        String shardText = root.getConfigurationParameter(SCHEDULE_SHARD_KEY).orElse(null);
        if (shardText == null) {
            this.shard = 1;
            this.shards = 1;
        } else {
            int[] kn = parseShard(shardText);
            if (baseSeed == null) {
                throw JUnitFailures.shardWithoutSeed(SCHEDULE_SHARD_KEY, shardText.trim(), SCHEDULE_SEED_KEY);
            }
            this.shard = kn[0];
            this.shards = kn[1];
        }
    }

    private static int[] parseShard(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                int k = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (k >= 1 && k <= n) {
                    return new int[] {k, n};
                }
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw JUnitFailures.invalidShard(SCHEDULE_SHARD_KEY, text);
    }

    /** Whether {@code herder.schedule.shard} splits the explorations of this run. */
    boolean isSharded() {
        return shards > 1;
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
            options = options.withSchedule(schedule).withShrinkBudget(shrinkRuns, shrinkTime);
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

    /**
     * The schedules of one exploration: its strategy (the annotation's, the configuration's, else
     * {@link #DEFAULT_STRATEGY}) under the annotation's own seeds, or under {@code runs} seeds derived from the base
     * seed — of which a shard {@code k/n} takes every n-th, from the k-th on.
     */
    java.util.List<dev.herder.Schedule> schedulesFor(ExploreSchedules exploration, Method method, ExtensionContext context) {
        if (!exploration.replay().isBlank()) {
            try {
                return java.util.List.of(dev.herder.Schedule.replay(exploration.replay()));
            } catch (IllegalArgumentException e) {
                throw JUnitFailures.invalidReplay(method, e);
            }
        }
        java.util.function.LongFunction<dev.herder.Schedule> schedule = strategyOf(exploration, method);
        if (exploration.seeds().length > 0) {
            return java.util.Arrays.stream(exploration.seeds()).mapToObj(schedule).toList();
        }
        int runs = exploration.runs() == RUNS_UNSET ? DEFAULT_RUNS : exploration.runs();
        if (runs < 1) {
            throw JUnitFailures.runsNotPositive(method, runs);
        }
        long base = baseSeed != null ? baseSeed : java.util.concurrent.ThreadLocalRandom.current().nextLong();
        context.publishReportEntry(SCHEDULE_SEED_KEY, String.format(java.util.Locale.ROOT, "0x%016X", base));
        if (isSharded()) {
            context.publishReportEntry(SCHEDULE_SHARD_KEY, shard + "/" + shards);
        }
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(base ^ method.toGenericString().hashCode());
        long[] all = java.util.stream.LongStream.generate(seeds::nextLong).limit(runs).toArray();
        return java.util.stream.IntStream.range(0, runs).filter(i -> i % shards == shard - 1)
            .mapToObj(i -> schedule.apply(all[i])).toList();
    }

    private java.util.function.LongFunction<dev.herder.Schedule> strategyOf(ExploreSchedules exploration, Method method) {
        ExploreSchedules.Strategy chosen = exploration.strategy() != ExploreSchedules.Strategy.CONFIGURED
            ? exploration.strategy() : strategy != ExploreSchedules.Strategy.CONFIGURED ? strategy : DEFAULT_STRATEGY;
        int declaredDepth = exploration.depth();
        if (declaredDepth != DEPTH_UNSET && chosen != ExploreSchedules.Strategy.PCT) {
            throw JUnitFailures.depthWithoutPct(method, declaredDepth, chosen);
        }
        if (declaredDepth != DEPTH_UNSET && (declaredDepth < 1 || declaredDepth > dev.herder.Schedule.PCT_STEPS)) {
            throw JUnitFailures.depthNotInRange(method, declaredDepth);
        }
        int pctDepth = declaredDepth != DEPTH_UNSET ? declaredDepth : depth != DEPTH_UNSET ? depth : DEFAULT_DEPTH;
        int jitter = exploration.delayJitter();
        if (jitter < 0 || jitter > dev.herder.Schedule.MAX_DELAY_JITTER) {
            throw JUnitFailures.delayJitterNotInRange(method, jitter);
        }
        java.util.function.LongFunction<dev.herder.Schedule> drawn = switch (chosen) {
            case SHUFFLED -> dev.herder.Schedule::shuffled;
            case POS -> dev.herder.Schedule::pos;
            default -> seed -> dev.herder.Schedule.pct(seed, pctDepth);
        };
        return jitter == 0 ? drawn : seed -> drawn.apply(seed).withDelayJitter(jitter);
    }

    private static TestOptions withTimeout(TestOptions options, String text, String annotation, Method method) {
        try {
            return options.withTimeout(text);
        } catch (IllegalArgumentException e) {
            throw JUnitFailures.invalidTimeout(annotation, method, text, e);
        }
    }
}
