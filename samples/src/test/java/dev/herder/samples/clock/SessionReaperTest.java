package dev.herder.samples.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;
import java.time.Duration;

/** Java code with a Clock and an executor, tested on the same virtual clock as the coroutines. */
class SessionReaperTest {

    // README: clock
    @CoroutineTest
    void idleSessionsExpireOnTheVirtualClock(CoroutineTestScope scope) {
        try (SessionReaper reaper = new SessionReaper(scope.clock(), scope.scheduledExecutor(),
                Duration.ofMinutes(30), Duration.ofMinutes(1))) {
            reaper.touch("ann");
            scope.advanceTimeBy(Duration.ofMinutes(20));
            reaper.touch("bob");
            scope.advanceTimeBy(Duration.ofMinutes(12));                       // ann idle 32 min, bob 12
            assertThat(reaper.isExpired("ann")).isTrue();
            assertThat(reaper.isExpired("bob")).isFalse();
        }
    }
    // README: end
}
