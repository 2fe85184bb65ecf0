package dev.herder.junit;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs fixtures through the TestKit under JUnit's parallel execution: everything concurrent, 8 threads. */
final class ParallelRuns {
    private ParallelRuns() {}

    static Events run(DiscoverySelector... selectors) {
        return EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
            .selectors(selectors)
            .execute().testEvents();
    }
}
