package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.stream.Collectors;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.Dispatchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.Events;

/**
 * Many coroutine tests at once under JUnit's parallel execution, each with its own Dispatchers.Main; and nothing of
 * any test survives it: threads back to their baseline, Main as it was, no coroutine left.
 */
@Isolated("counts the JVM's threads and reads the global Dispatchers.Main")
class ParallelAndLeakTests {

    private static Set<String> herderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
            .filter(n -> n.startsWith("herder-loop-") || n.startsWith("herder-virtual-"))
            .collect(Collectors.toSet());
    }

    @Test
    void manyParallelTestsEachSeeTheirOwnMainAndLeaveNothingBehind() {
        Set<String> baseline = herderThreads();
        Events events = ParallelRuns.run(selectClass(ParallelMainTestCase.class), selectClass(DispatcherTestTestCase.class));

        events.assertStatistics(stats -> stats.failed(0).succeeded(150 + 150 + 3 + (dev.herder.DispatcherKind.VIRTUAL_THREADS.isAvailable() ? 6 : 5)));

        assertThat(herderThreads()).as("SINGLE_THREAD loops and virtual-thread executors are gone").isEqualTo(baseline);
        assertThat(catchThrowable(() -> Dispatchers.getMain().isDispatchNeeded(EmptyCoroutineContext.INSTANCE)))
            .as("Dispatchers.Main is back as it was: no Main module in this project")
            .isInstanceOf(IllegalStateException.class);
        if (Probes.installed()) {
            assertThat(Probes.coroutinesOfTests()).as("no coroutine of any test is still running").isZero();
        }
    }

    @Test
    void aViewModelHoppingToIoAndBackToMainFindsItsTestUnderParallelExecution() {
        for (int run = 0; run < 3; run++) {
            Events events = ParallelRuns.run(selectClass(ViewModelRoundTripTestCase.class));
            events.assertStatistics(stats -> stats.failed(0).succeeded(100));
        }
    }
}
