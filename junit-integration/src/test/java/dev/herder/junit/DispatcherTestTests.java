package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import dev.herder.DispatcherKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The dispatcher matrix: one invocation per kind, named after it; virtual threads skipped before JDK 21. */
class DispatcherTestTests {

    @Test
    void oneInvocationPerKindNamedAfterIt() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(DispatcherTestTestCase.class))
            .execute().testEvents();
        boolean virtualThreads = DispatcherKind.VIRTUAL_THREADS.isAvailable();
        List<String> ran = events.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        if (virtualThreads) {
            assertThat(ran).containsExactly("[STANDARD_TEST]", "[UNCONFINED_TEST]", "[DEFAULT]", "[IO]",
                "[SINGLE_THREAD]", "[VIRTUAL_THREADS]");
        } else {
            assertThat(ran).containsExactly("[STANDARD_TEST]", "[UNCONFINED_TEST]", "[DEFAULT]", "[IO]", "[SINGLE_THREAD]");
            events.assertThatEvents().haveExactly(1, event(displayName("[VIRTUAL_THREADS]"),
                skippedWithReason("DispatcherKind.VIRTUAL_THREADS needs JDK 21 or newer; this run uses JDK "
                    + Runtime.version().feature())));
        }
        events.assertStatistics(stats -> stats.failed(0));
    }
}
