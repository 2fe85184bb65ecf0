package dev.herder.junit;

import dev.herder.DispatcherKind;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The one place the JUnit integration words its failures. Configuration mistakes start with "Configuration error: "
 * and name the annotation and method (or the configuration parameter), the value found, and what to write instead.
 */
final class JUnitFailures {
    private JUnitFailures() {}

    static ExtensionConfigurationException invalidTimeoutParameter(String key, String text, Throwable cause) {
        return new ExtensionConfigurationException("Configuration error: configuration parameter " + key + " must be "
            + "a positive duration such as \"5 s\" or \"500 ms\" (units ns, μs, ms, s, m, h, d; or ISO-8601 such as "
            + "\"PT5S\"), but was '" + text + "'.", cause);
    }

    static ExtensionConfigurationException invalidTimeout(String annotation, Method method, String text,
                                                          Throwable cause) {
        return new ExtensionConfigurationException(String.format("Configuration error: %s on method [%s] must "
            + "declare timeout as a positive duration such as \"5 s\" or \"500 ms\" (units ns, μs, ms, s, m, h, "
            + "d), but was '%s'.", annotation, method.toGenericString(), text), cause);
    }

    static ExtensionConfigurationException virtualDispatchersOnRealTime(String annotation, Method method,
                                                                        Object dispatcher, Throwable cause) {
        return new ExtensionConfigurationException(String.format("Configuration error: %s on method [%s] must "
            + "not combine virtualDispatchers = true with dispatcher = %s: virtual dispatchers run on the "
            + "test's virtual clock, %s on real time. Drop one of the two.", annotation,
            method.toGenericString(), dispatcher, dispatcher), cause);
    }

    static ExtensionConfigurationException invalidSeed(String key, String text, Throwable cause) {
        return new ExtensionConfigurationException("Configuration error: " + key + " must be a seed such as 0x5EED "
            + "or 24301, but was '" + text + "'.", cause);
    }

    static ExtensionConfigurationException invalidStrategy(String key, String text) {
        return new ExtensionConfigurationException("Configuration error: " + key + " must be one of shuffled, pct, "
            + "pct:<depth> (a depth from 1 to " + dev.herder.Schedule.PCT_STEPS + ", such as pct:2) or pos, but was '"
            + text + "'.");
    }

    static ExtensionConfigurationException depthNotInRange(Method method, int depth) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must declare depth from 1 to %d, but was %d.", method.toGenericString(),
            dev.herder.Schedule.PCT_STEPS, depth));
    }

    static ExtensionConfigurationException delayJitterNotInRange(Method method, int percent) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must declare delayJitter from 0 to %d (percent of each delay; 10 to 25 finds most latency races), "
            + "but was %d.", method.toGenericString(), dev.herder.Schedule.MAX_DELAY_JITTER, percent));
    }

    static ExtensionConfigurationException depthWithoutPct(Method method, int depth, ExploreSchedules.Strategy strategy) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] declares depth = %d, which only PCT has, but its strategy is %s. Drop depth, or declare "
            + "strategy = Strategy.PCT.", method.toGenericString(), depth, strategy));
    }

    static ExtensionConfigurationException invalidShard(String key, String text) {
        return new ExtensionConfigurationException("Configuration error: " + key + " must be k/n, shard k of n "
            + "counted from 1 (such as 2/4), but was '" + text + "'.");
    }

    static ExtensionConfigurationException shardWithoutSeed(String key, String shard, String seedKey) {
        return new ExtensionConfigurationException("Configuration error: " + key + "=" + shard + " needs " + seedKey
            + " too: the shards of one exploration must share its base seed to split its seeds between them. Set "
            + seedKey + " to the same value on every shard (such as the CI build number).");
    }

    static ExtensionConfigurationException runsNotPositive(Method method, int runs) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must declare runs as a positive number, but was %d.", method.toGenericString(), runs));
    }

    static ExtensionConfigurationException testBesidesTemplate(String test, String template, Method method) {
        String attributes = test.equals("@CoroutineTest") ? " and declare its attributes on " + template
            + (template.equals("@ExploreSchedules") ? " (timeout, failOnNeverAwaited, virtualDispatchers)"
                : " (timeout, failOnNeverAwaited; the dispatcher in its list)") : "";
        String extraRun = template.equals("@ExploreSchedules") ? "under the fifo schedule" : "on one dispatcher";
        return new ExtensionConfigurationException(String.format("Configuration error: %s on method [%s] must not "
            + "be combined with %s: %s makes the method a test of its own, which would run once more, %s, besides "
            + "the invocations of %s. Drop %s%s.", test, method.toGenericString(), template, test, extraRun,
            template, test, attributes));
    }

    static ExtensionConfigurationException explorationOnRealTime(Method method, java.util.List<DispatcherKind> realTime,
                                                                 boolean everyKind) {
        String kinds = realTime.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must run on test dispatchers only, but @DispatcherTest%s names %s, which run%s on real time, where "
            + "threads decide the order: a shuffled schedule orders the tasks due at one virtual instant. List only "
            + "STANDARD_TEST and UNCONFINED_TEST in @DispatcherTest({...}), or test the real dispatchers in a method "
            + "of their own.", method.toGenericString(), everyKind ? " (no list: every kind)" : "", kinds,
            realTime.size() == 1 ? "s" : ""));
    }

    static ExtensionConfigurationException twoTimeouts(Method method, String exploration, String dispatcherTest) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must not declare a timeout other than @DispatcherTest's, but they declare '%s' and '%s'. Declare "
            + "the timeout on one of the two.", method.toGenericString(), exploration, dispatcherTest));
    }

    static ExtensionConfigurationException runsAndSeeds(Method method, int runs, int seeds) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must declare either runs or seeds, but declares runs = %d and %d seed%s: seeds replays exactly "
            + "those seeds and runs nothing else. Drop runs to replay the seeds, or seeds to explore %d random ones.",
            method.toGenericString(), runs, seeds, seeds == 1 ? "" : "s", runs));
    }

    static ExtensionConfigurationException replayWith(Method method, String replay, String others) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] declares replay = \"%s\" and %s: a replay runs exactly that recorded order, once, and nothing "
            + "else. Drop %s to replay, or drop replay to explore.", method.toGenericString(), replay, others, others));
    }

    static ExtensionConfigurationException invalidReplay(Method method, IllegalArgumentException e) {
        return new ExtensionConfigurationException("Configuration error: @ExploreSchedules on method ["
            + method.toGenericString() + "]: " + e.getMessage(), e);
    }

    static ExtensionConfigurationException invalidShrink(String key, String text) {
        return new ExtensionConfigurationException("Configuration error: " + key + " must be runs/time (such as "
            + "200/5s, the default: at most 200 runs and 5 seconds), runs alone (200), or off, but was '" + text + "'.");
    }

    static IllegalStateException scopeUsedOutsideMethod(Object method) {
        return new IllegalStateException("The CoroutineTestScope of " + method + " is used outside the method's "
            + "run: it is valid only while the method runs. Keep using it inside the method.");
    }
}
