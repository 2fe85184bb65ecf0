package dev.herder.junit;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.Schedule;
import dev.herder.Suspend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixtures for CombinationsTests: Herder's annotations together on one method. */
class CombinationsTestCase {
    /** What each invocation ran under: the schedule, and whether a launched coroutine ran before the body went on. */
    record Seen(Schedule schedule, boolean eager) {}

    static final List<Seen> SEEN = new ArrayList<>();

    private static void record(CoroutineTestScope scope) {
        synchronized (SEEN) {
            boolean[] ran = {false};
            scope.launch(c -> {
                ran[0] = true;
                return kotlin.Unit.INSTANCE;
            });
            SEEN.add(new Seen(scope.schedule(), ran[0]));   // only an UnconfinedTestDispatcher runs it at once
        }
    }

    @ExploreSchedules(seeds = {0x5EEDL, 42L})
    @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.UNCONFINED_TEST})
    void exploresOnEveryTestDispatcher(CoroutineTestScope scope) {
        record(scope);
    }

    @ExploreSchedules(seeds = {1L})
    @DispatcherTest(value = DispatcherKind.UNCONFINED_TEST, timeout = "300 ms")
    void hangsPastTheDispatcherTestsTimeout(CoroutineTestScope scope) {
        scope.await(Suspend.never());
    }

    @ExploreSchedules(seeds = {1L}, failOnNeverAwaited = false)
    @DispatcherTest(DispatcherKind.STANDARD_TEST)
    void leavesAFutureUnawaitedOnPurpose(CoroutineTestScope scope) {
        scope.future(c -> Suspend.value(1).call(c));
    }

    @ExploreSchedules(seeds = {1L})
    @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.IO})
    void exploresOnIo(CoroutineTestScope scope) {
    }

    @ExploreSchedules(seeds = {1L})
    @DispatcherTest
    void exploresOnEveryKind(CoroutineTestScope scope) {
    }

    @ExploreSchedules(seeds = {1L}, timeout = "1 s")
    @DispatcherTest(value = DispatcherKind.STANDARD_TEST, timeout = "2 s")
    void twoTimeouts(CoroutineTestScope scope) {
    }

    @CoroutineTest
    @ExploreSchedules(seeds = {1L})
    void coroutineTestAndExploration(CoroutineTestScope scope) {
        record(scope);
    }

    @CoroutineTest
    @DispatcherTest(DispatcherKind.STANDARD_TEST)
    void coroutineTestAndDispatcherTest(CoroutineTestScope scope) {
        record(scope);
    }

    @Test
    @ExploreSchedules(seeds = {1L})
    void plainTestAndExploration(CoroutineTestScope scope) {
        record(scope);
    }

    @ExploreSchedules(runs = 5, seeds = {1L})
    void runsAndSeeds(CoroutineTestScope scope) {
    }

    @ExploreSchedules(runs = 3, seeds = {})
    void emptySeeds(CoroutineTestScope scope) {
        record(scope);
    }

    @ExploreSchedules(seeds = {})
    void onlyEmptySeeds(CoroutineTestScope scope) {
    }
}
