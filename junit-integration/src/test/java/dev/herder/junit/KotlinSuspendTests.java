package dev.herder.junit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.herder.CoroutineTestTimeoutError;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Kotlin suspend test methods under {@code @CoroutineTest}: JUnit 6 runs them; Herder puts them on virtual time. */
class KotlinSuspendTests {

    @Test
    void suspendTestMethodsRunInTheTestsScopeOnVirtualTime() {
        assumeTrue(JUnitVersions.isJupiter6(), "JUnit Jupiter 5 does not run suspend test methods (non-void return)");
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(KotlinSuspendTestCase.class))
            .execute().testEvents();
        events.assertThatEvents()
            .haveExactly(1, event(test("delaysOnVirtualTime"), finishedSuccessfully()))
            .haveExactly(1, event(test("getsTheScopeToo"), finishedSuccessfully()))
            .haveExactly(1, event(test("hangsForever"), finishedWithFailure(instanceOf(CoroutineTestTimeoutError.class),
                message(m -> m.startsWith("Coroutine test hangsForever() timed out after 300 ms")
                    && m.contains("at dev.herder.junit.KotlinSuspendTestCase.hangsForever(KotlinSuspendTestCase.kt:")))));
    }
}
