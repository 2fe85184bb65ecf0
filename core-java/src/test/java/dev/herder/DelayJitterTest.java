package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.virtual.HopsKt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Delay jitter: races that live in timing (delays of different lengths) are explored, reproducibly. */
class DelayJitterTest {
    /** Which of three coroutines, delaying 100, 110 and 120 ms, woke when ("110@104") under {@code schedule}. */
    private static List<String> wakeUps(Schedule schedule) {
        List<String> woke = new ArrayList<>();
        Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(schedule), scope -> {
            for (long millis : new long[] {100, 110, 120}) {
                scope.launch(c -> Suspend.delay(java.time.Duration.ofMillis(millis))
                    .map(u -> woke.add(millis + "@" + scope.currentTime())).call(c));
            }
        });
        return woke;
    }

    @Test
    void exactDelaysAlwaysWakeInTheOrderOfTheirLengths() {
        for (long seed = 0; seed < 20; seed++) {
            assertThat(wakeUps(Schedule.pct(seed, 3))).containsExactly("100@100", "110@110", "120@120");
        }
    }

    @Test
    void jitteredDelaysStayWithinTheirBoundAndSometimesWakeOutOfOrder() {
        Set<List<String>> seen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            List<String> woke = wakeUps(Schedule.shuffled(seed).withDelayJitter(20));
            assertThat(woke).hasSize(3).allSatisfy(w -> {
                long asked = Long.parseLong(w.substring(0, w.indexOf('@')));
                long at = Long.parseLong(w.substring(w.indexOf('@') + 1));
                assertThat(at).isBetween(asked - asked / 5, asked + asked / 5);
            });
            seen.add(woke);
        }
        assertThat(seen).as("different seeds, different delays").hasSizeGreaterThan(10);
        assertThat(seen).as("a longer delay woke before a shorter one under some seed")
            .anyMatch(woke -> !woke.get(0).startsWith("100@"));
    }

    @Test
    void theSameSeedGivesTheSameDelaysEveryRun() {
        Schedule schedule = Schedule.pos(0xBEEFL).withDelayJitter(25);
        assertThat(wakeUps(schedule)).isEqualTo(wakeUps(schedule));
    }

    @Test
    void delaysOnVirtualIoAreJitteredToo() {
        Set<Long> ends = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            Coroutines.runBlockingTest(TestOptions.defaults().withVirtualDispatchers(true)
                .withSchedule(Schedule.shuffled(seed).withDelayJitter(10)), scope -> {
                    scope.await(c -> HopsKt.readOnIo(1_000, c));
                    ends.add(scope.currentTime());
                });
        }
        assertThat(ends).hasSizeGreaterThan(1).allSatisfy(t -> assertThat(t).isBetween(900L, 1_100L));
    }

    @Test
    void theJitterIsPartOfTheScheduleAndOfItsReplayHint() {
        Schedule jittered = Schedule.pct(7, 2).withDelayJitter(15);
        assertThat(jittered).isEqualTo(Schedule.pct(7, 2).withDelayJitter(15)).isNotEqualTo(Schedule.pct(7, 2));
        assertThat(jittered.delayJitter()).isEqualTo(15);
        assertThat(jittered).hasToString("pct(seed=0x0000000000000007, depth=2, delayJitter=15%)");
        IllegalStateException bug = new IllegalStateException("late");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withSchedule(jittered), scope -> {
                throw bug;
            }));
        assertThat(thrown.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
            .startsWith("This failure happened under Schedule.pct(0x0000000000000007L, 2).withDelayJitter(15): ")
            .contains("@ExploreSchedules(strategy = Strategy.PCT, depth = 2, delayJitter = 15, seeds = {0x0000000000000007L})"));
    }

    @Test
    void fifoHasNoSeedToJitterFromAndTheJitterIsBounded() {
        assertThatThrownBy(() -> Schedule.fifo().withDelayJitter(10)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Schedule.fifo() has no seed to draw a delay jitter from: jitter an explored schedule, e.g. "
                + "Schedule.pct(seed, 3).withDelayJitter(10).");
        assertThatThrownBy(() -> Schedule.shuffled(1).withDelayJitter(51)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Schedule.withDelayJitter needs a percent from 0 to 50 (how far each delay may stretch or "
                + "shrink; 10 to 25 finds most latency races), but was 51.");
    }
}
