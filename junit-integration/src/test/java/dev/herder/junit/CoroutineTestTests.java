package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.herder.CoroutineTestTimeoutError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @CoroutineTest}, run through the JUnit Platform TestKit on {@link CoroutineTestTestCase}. */
class CoroutineTestTests {

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(CoroutineTestTestCase.class, method, "dev.herder.CoroutineTestScope"))
            .execute().testEvents();
    }

    @Test
    void aCoroutineTestRunsOnVirtualTime() {
        run("delaysOnVirtualTime").assertThatEvents().haveExactly(1, event(test("delaysOnVirtualTime"), finishedSuccessfully()));
    }

    @Test
    void aFutureTheTestNeverAwaitedFailsItNamingTheLine() {
        run("neverAwaits").assertThatEvents().haveExactly(1, event(test("neverAwaits"), finishedWithFailure(
            instanceOf(AssertionError.class),
            message(m -> m.startsWith("A coroutine started with scope.future(...) at "
                + "dev.herder.junit.CoroutineTestTestCase.neverAwaits(CoroutineTestTestCase.java:22) was never "
                + "awaited: the test never looked at its result.")))));
    }

    @Test
    void theNeverAwaitedCheckCanBeTurnedOff() {
        run("neverAwaitsOnPurpose").assertThatEvents().haveExactly(1, event(test("neverAwaitsOnPurpose"), finishedSuccessfully()));
    }

    @Test
    void aHungTestFailsAtItsTimeoutWithTheStuckCoroutines() {
        run("hangs").assertThatEvents().haveExactly(1, event(test("hangs"), finishedWithFailure(
            instanceOf(CoroutineTestTimeoutError.class),
            message(m -> m.startsWith("Coroutine test hangs(CoroutineTestScope) timed out after 300 ms of wall-clock "
                + "time (virtual time was 0 ms).\nCoroutines still running (1):\n  - \"await\" SUSPENDED")))));
    }

    @Test
    void anInvalidTimeoutIsAConfigurationError() {
        run("badTimeout").assertThatEvents().haveExactly(1, event(test("badTimeout"), finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class),
            message("Configuration error: @CoroutineTest on method [void dev.herder.junit.CoroutineTestTestCase"
                + ".badTimeout(dev.herder.CoroutineTestScope)] must declare timeout as a positive duration such as "
                + "\"5 s\" or \"500 ms\" (units ns, μs, ms, s, m, h, d), but was 'soon'."))));
    }

    @Test
    void theDispatcherAttributeChoosesTheKind() {
        run("runsOnIo").assertThatEvents().haveExactly(1, event(test("runsOnIo"), finishedSuccessfully()));
    }

    @Test
    void theDefaultTimeoutComesFromTheConfiguration() {
        Events events = EngineTestKit.engine("junit-jupiter")
            .configurationParameter("herder.test.timeout", "200 ms")
            .selectors(selectClass(TimeoutDefaultTestCase.class))
            .execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(test("hangsWithTheDefault"), finishedWithFailure(
            instanceOf(CoroutineTestTimeoutError.class),
            message(m -> m.startsWith("Coroutine test hangsWithTheDefault(CoroutineTestScope) timed out after 200 ms")))));
    }

    @Test
    void anInvalidDefaultTimeoutIsAConfigurationError() {
        Events events = EngineTestKit.engine("junit-jupiter")
            .configurationParameter("herder.test.timeout", "later")
            .selectors(selectClass(TimeoutDefaultTestCase.class))
            .execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(test("hangsWithTheDefault"), finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class),
            message("Configuration error: configuration parameter herder.test.timeout must be a positive duration "
                + "such as \"5 s\" or \"500 ms\" (units ns, μs, ms, s, m, h, d; or ISO-8601 such as \"PT5S\"), but "
                + "was 'later'."))));
    }

    @Test
    void aScopeTheTestNeverClosedIsALeakNotAHang() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeakedScopeTestCase.class)).execute()
            .testEvents().assertThatEvents().haveExactly(1, event(test("forgetsToCloseTheViewModel"), finishedWithFailure(
                instanceOf(AssertionError.class),
                message(m -> m.startsWith("1 coroutine outside the test's scope still waited on Dispatchers.Main after "
                    + "forgetsToCloseTheViewModel(CoroutineTestScope) ended, and would never end: 1000 of their timers "
                    + "were run out on virtual time and they asked for more:\n  - at dev.herder.junit.TickingViewModel")
                    && m.endsWith("cancel it at the end of the test. Herder stopped them so the test could end.")))));
    }

    @Test
    void theExtensionWorksWithRegisterExtension() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(RegisterExtensionTestCase.class)).execute()
            .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void everyKindOfTestMethodGetsTheScopeAndLifecycleMethodsTakePart() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ExtendWithTestCase.class))
            .execute().testEvents();
        events.assertStatistics(stats -> stats.started(7).succeeded(7).failed(0));
        assertThat(events.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
            .contains("plainTest(CoroutineTestScope)", "repetition 1 of 3", "untouchedWithoutAScope()")
            .anyMatch(name -> name.matches("\\[2] millis ?= ?60000"));
    }
}
