package dev.herder.samples.virtual;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.herder.CoroutineTestTimeoutError;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** With virtual dispatchers, a test that can never go on is called deadlocked after a second of quiet, not at its 60 s timeout. */
class DeadlockVerdictTest {
    @Test
    void aForgottenGateIsReportedAsADeadlockNamingWhereTheCoroutinesWait() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ForgottenGateTestCase.class)).execute()
            .testEvents().assertThatEvents().haveExactly(1, event(test("forgetsToOpenTheGate"), finishedWithFailure(
                instanceOf(CoroutineTestTimeoutError.class),
                message(m -> m.startsWith("Coroutine test forgetsToOpenTheGate(CoroutineTestScope) is deadlocked: "
                    + "every coroutine of the test is waiting for another of its coroutines (a Mutex, a channel, a job "
                    + "or CompletableDeferred), and nothing is due on the virtual clock (virtual time 0 ms).")
                    && m.contains("at dev.herder.samples.virtual.PriceRepository$price"))))); 
    }
}
