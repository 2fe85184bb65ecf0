package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.Schedule;
import java.util.ArrayList;
import java.util.List;
import kotlin.Unit;

/** Fixtures for ExploreSchedulesTests. */
class ExploreSchedulesTestCase {
    static final List<Schedule> SEEN = new ArrayList<>();

    @ExploreSchedules(runs = 5)
    void recordsItsSchedule(CoroutineTestScope scope) {
        synchronized (SEEN) {
            SEEN.add(scope.schedule());
        }
    }

    @ExploreSchedules(seeds = {0x5EEDL, 42L})
    void replaysExactlyTheseSeeds(CoroutineTestScope scope) {
        assertThat(scope.schedule().seed()).isIn(0x5EEDL, 42L);
    }

    @ExploreSchedules(runs = 30, timeout = "5 s", virtualDispatchers = true)
    void failsInSomeOrders(CoroutineTestScope scope) {
        StringBuilder order = new StringBuilder();
        for (char name : new char[] {'a', 'b'}) {
            scope.launch(c -> {
                order.append(name);
                return Unit.INSTANCE;
            });
        }
        scope.runCurrent();
        assertThat(order.toString()).isEqualTo("ab");
    }

    @ExploreSchedules(replay = "1:2")
    void replaysAShrunkOrder(CoroutineTestScope scope) {
        failsInSomeOrders(scope);
    }

    @ExploreSchedules(replay = "1:2", seeds = {1L}, strategy = ExploreSchedules.Strategy.POS)
    void replayWithSeeds(CoroutineTestScope scope) {
    }

    @ExploreSchedules(replay = "1-2")
    void malformedReplay(CoroutineTestScope scope) {
    }

    @ExploreSchedules(runs = 5, strategy = ExploreSchedules.Strategy.POS)
    void recordsItsPosSchedule(CoroutineTestScope scope) {
        recordsItsSchedule(scope);
    }

    @ExploreSchedules(seeds = {0x5EEDL}, strategy = ExploreSchedules.Strategy.PCT, depth = 2)
    void recordsAReplayedPctSchedule(CoroutineTestScope scope) {
        recordsItsSchedule(scope);
    }

    @ExploreSchedules(runs = 2, strategy = ExploreSchedules.Strategy.POS, depth = 2)
    void depthWithPos(CoroutineTestScope scope) {
    }

    @ExploreSchedules(runs = 2, depth = 0)
    void depthZero(CoroutineTestScope scope) {
    }

    @ExploreSchedules(runs = 2, delayJitter = 60)
    void jitterTooWide(CoroutineTestScope scope) {
    }

    @ExploreSchedules(runs = 10)
    void recordsTenSchedules(CoroutineTestScope scope) {
        recordsItsSchedule(scope);
    }

    @ExploreSchedules(runs = 2, delayJitter = 20)
    void jitteredTwice(CoroutineTestScope scope) {
        recordsItsSchedule(scope);
    }

    static volatile java.util.concurrent.CountDownLatch meeting = new java.util.concurrent.CountDownLatch(2);

    /** Run only in parallel (ExploreSchedulesTests): each of the two invocations waits for the other. */
    @ExploreSchedules(runs = 2)
    void meetsAnotherInvocation(CoroutineTestScope scope) throws InterruptedException {
        meeting.countDown();
        assertThat(meeting.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the other invocation ran meanwhile")
            .isTrue();
    }

    @ExploreSchedules(runs = 0)
    void noRuns(CoroutineTestScope scope) {
    }
}
