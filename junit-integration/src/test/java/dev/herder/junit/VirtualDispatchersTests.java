package dev.herder.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @CoroutineTest(virtualDispatchers = true)} and {@code herder.virtualDispatchers}, through the TestKit. */
class VirtualDispatchersTests {

    @Test
    void threeHundredParallelTestsMixingVirtualAndRealDispatchersEachSeeTheirOwn() {
        for (int run = 0; run < 3; run++) {
            Events events = ParallelRuns.run(selectClass(VirtualDispatchersTestCase.class));
            events.assertStatistics(stats -> stats.failed(0).succeeded(300));
        }
    }

    @Test
    void theConfigurationParameterTurnsItOnForTestsOnTheTestDispatcher() {
        Events events = EngineTestKit.engine("junit-jupiter")
            .configurationParameter("herder.virtualDispatchers", "true")
            .selectors(selectMethod(VirtualSuiteTestCase.class, "onTheTestDispatcherIoIsVirtual", "dev.herder.CoroutineTestScope"),
                selectMethod(VirtualSuiteTestCase.class, "onARealDispatcherIoStaysReal", "dev.herder.CoroutineTestScope"))
            .execute().testEvents();
        events.assertStatistics(stats -> stats.failed(0).succeeded(2));
    }

    @Test
    void combiningItWithARealDispatcherIsAConfigurationError() {
        Events events = EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(VirtualSuiteTestCase.class, "bothIsAConfigurationError", "dev.herder.CoroutineTestScope"))
            .execute().testEvents();
        events.assertThatEvents().haveExactly(1, event(test("bothIsAConfigurationError"), finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class),
            message("Configuration error: @CoroutineTest on method [void dev.herder.junit.VirtualSuiteTestCase"
                + ".bothIsAConfigurationError(dev.herder.CoroutineTestScope)] must not combine virtualDispatchers = "
                + "true with dispatcher = DEFAULT: virtual dispatchers run on the test's virtual clock, DEFAULT on "
                + "real time. Drop one of the two."))));
    }
}
