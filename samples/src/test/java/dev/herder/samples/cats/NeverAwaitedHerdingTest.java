package dev.herder.samples.cats;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The broken test that never awaits its coroutine fails under @CoroutineTest instead of passing. */
class NeverAwaitedHerdingTest {

    @Test
    void theTestThatNeverAwaitsFailsNamingTheLine() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenHerdingTestCase.class)).execute()
            .testEvents().assertThatEvents().haveExactly(1, event(test("herdsGarfield"), finishedWithFailure(
                instanceOf(AssertionError.class),
                message(m -> m.startsWith("A coroutine started with scope.future(...) at dev.herder.samples.cats."
                    + "BrokenHerdingTestCase.herdsGarfield(BrokenHerdingTestCase.java:18) was never awaited")))));
    }
}
