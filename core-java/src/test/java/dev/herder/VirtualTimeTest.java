package dev.herder;

import static dev.herder.Calls.delay;
import static dev.herder.Calls.delayThen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

    @Test
    void awaitReturnsAtTheExactInstantItsCallCompletes() {
        AtomicLong ranAt = new AtomicLong(-1);
        Coroutines.runBlockingTest(scope -> {
            scope.launch(c -> {
                return Calls.delayThen(1000, "late").invoke(new RecordingContinuation<>(c, () -> ranAt.set(scope.currentTime())));
            });
            String value = scope.await(delayThen(500, "early"));
            assertThat(value).isEqualTo("early");
            assertThat(scope.currentTime()).isEqualTo(500);
            assertThat(ranAt).hasValue(-1);

            scope.await(delay(600));
            assertThat(scope.currentTime()).isEqualTo(1100);
            assertThat(ranAt).hasValue(1000);
        });
    }

    @Test
    void timeStandsStillAndNothingRunsBetweenAwaits() {
        Coroutines.runBlockingTest(scope -> {
            AtomicBoolean ran = new AtomicBoolean();
            scope.launch(c -> {
                ran.set(true);
                return kotlin.Unit.INSTANCE;
            });
            Thread.onSpinWait();
            assertThat(ran).isFalse();
            assertThat(scope.currentTime()).isZero();
            scope.runCurrent();
            assertThat(ran).isTrue();
            assertThat(scope.currentTime()).isZero();
        });
    }

    @Test
    void aOneHourDelayIsSkippedOnVirtualTime() {
        Coroutines.runBlockingTest(scope -> {
            scope.await(delay(Duration.ofHours(1).toMillis()));
            assertThat(scope.currentTime()).isEqualTo(3_600_000);
        });
    }

    @Test
    void launchedCoroutinesInterleaveInTheSameOrderOnEveryRun() {
        for (int run = 0; run < 20; run++) {
            List<String> events = new CopyOnWriteArrayList<>();
            Coroutines.runBlockingTest(scope -> {
                for (String name : List.of("a", "b", "c")) {
                    scope.launch(c -> {
                        events.add(name + "@" + scope.currentTime());
                        return delayThen(name.equals("a") ? 30 : 10, name)
                            .invoke(new RecordingContinuation<>(c, () -> events.add(name + "-done@" + scope.currentTime())));
                    });
                }
            });
            assertThat(events).containsExactly("a@0", "b@0", "c@0", "b-done@10", "c-done@10", "a-done@30");
        }
    }

    @Test
    void advanceTimeByRunsWhatIsDueBeforeTheTargetAndSetsTheClock() {
        Coroutines.runBlockingTest(scope -> {
            AtomicBoolean ran = new AtomicBoolean();
            scope.launch(c -> delayThen(1000, "x").invoke(new RecordingContinuation<>(c, () -> ran.set(true))));
            scope.advanceTimeBy(Duration.ofMillis(999));
            assertThat(ran).isFalse();
            assertThat(scope.currentTime()).isEqualTo(999);
            scope.advanceTimeBy(Duration.ofMillis(1));
            assertThat(ran).as("a task due exactly at the target runs only with runCurrent").isFalse();
            scope.runCurrent();
            assertThat(ran).isTrue();
            assertThat(scope.currentTime()).isEqualTo(1000);
        });
    }

    @Test
    void advanceUntilIdleRunsEverythingAndMovesTheClockToTheLastTask() {
        Coroutines.runBlockingTest(scope -> {
            scope.launch(delay(250));
            scope.launch(delay(700));
            scope.advanceUntilIdle();
            assertThat(scope.currentTime()).isEqualTo(700);
        });
    }

    @Test
    void theTestWaitsForItsCoroutinesAtTheEnd() {
        AtomicLong finishedAt = new AtomicLong(-1);
        Coroutines.runBlockingTest(scope ->
            scope.launch(c -> delayThen(5000, "x").invoke(new RecordingContinuation<>(c, () -> finishedAt.set(scope.currentTime())))));
        assertThat(finishedAt).hasValue(5000);
    }

    @Test
    void futureGetDrivesTheLoopOnTheTestThread() throws Exception {
        Coroutines.runBlockingTest(scope -> {
            var future = scope.future(delayThen(300, 7));
            assertThat(future).isNotDone();
            assertThat(future.get()).isEqualTo(7);
            assertThat(scope.currentTime()).isEqualTo(300);
            assertThat(scope.future(delayThen(100, 8)).join()).isEqualTo(8);
            assertThat(scope.currentTime()).isEqualTo(400);
        });
    }

    @Test
    void cancellingAFutureCancelsItsCoroutine() {
        Coroutines.runBlockingTest(scope -> {
            AtomicBoolean finished = new AtomicBoolean();
            var future = scope.future(c -> delayThen(1000, "x").invoke(new RecordingContinuation<>(c, () -> finished.set(true))));
            scope.runCurrent();
            assertThat(future.cancel(true)).isTrue();
            scope.advanceUntilIdle();
            assertThat(future).isCancelled();
            assertThat(finished).isFalse();
        });
    }

    @Test
    void theClockReadsVirtualTime() {
        Coroutines.runBlockingTest(scope -> {
            assertThat(scope.clock().instant()).isEqualTo(Instant.EPOCH);
            scope.await(delay(Duration.ofMinutes(2).toMillis()));
            assertThat(scope.clock().instant()).isEqualTo(Instant.EPOCH.plus(Duration.ofMinutes(2)));
            assertThat(scope.clock().millis()).isEqualTo(120_000);
        });
    }

    @Test
    void unconfinedTestDispatcherStartsLaunchesEagerly() {
        Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(DispatcherKind.UNCONFINED_TEST), scope -> {
            AtomicBoolean ran = new AtomicBoolean();
            scope.launch(c -> {
                ran.set(true);
                return kotlin.Unit.INSTANCE;
            });
            assertThat(ran).isTrue();
            scope.await(delay(10));
            assertThat(scope.currentTime()).isEqualTo(10);
        });
    }

    @Test
    void yieldInAnAwaitedCallLetsQueuedCoroutinesRunFirstAsInRunTestsBody() {
        Coroutines.runBlockingTest(scope -> {
            java.util.List<Integer> order = new java.util.ArrayList<>();
            scope.launch(c -> {
                order.add(1);
                return kotlin.Unit.INSTANCE;
            });
            scope.await(c -> kotlinx.coroutines.YieldKt.yield(c));
            order.add(2);
            assertThat(order).containsExactly(1, 2);
        });
    }

    @Test
    void aStandardTestDispatcherTheCodeCreatesWithoutASchedulerSharesTheTestsAsInRunTest() {
        Coroutines.runBlockingTest(scope -> {
            Poller poller = new Poller(false);
            assertThat(poller.getDispatcher().getScheduler()).isSameAs(scopeScheduler(scope));
            String polled = scope.await(c -> poller.pollAfter(1_000, c));
            assertThat(polled).isEqualTo("polled");
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    @Test
    void aStandardTestDispatcherGivenAForeignSchedulerInsideTheTestFailsAsInRunTest() {
        // kotlinx-coroutines-test's TestCoroutineSchedulerTest.testContextElement: two schedulers in one context
        Coroutines.runBlockingTest(scope -> {
            var foreign = kotlinx.coroutines.test.TestCoroutineDispatchersKt.StandardTestDispatcher(
                new kotlinx.coroutines.test.TestCoroutineScheduler(), null);
            assertThat(catchThrowable(() -> scope.await(c -> kotlinx.coroutines.BuildersKt.withContext(foreign, (s, inner) -> "ran", c))))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Detected use of different schedulers.");
        });
    }

    @Test
    void anUnconfinedTestDispatcherTheCodeCreatesSharesTheTestsSchedulerToo() {
        Coroutines.runBlockingTest(scope -> {
            Poller poller = new Poller(true);
            String polled = scope.await(c -> poller.pollAfter(500, c));
            assertThat(polled).isEqualTo("polled");
            assertThat(scope.currentTime()).isEqualTo(500);
        });
    }

    private static kotlinx.coroutines.test.TestCoroutineScheduler scopeScheduler(CoroutineTestScope scope) {
        return ((kotlinx.coroutines.test.TestDispatcher) scope.dispatcher()).getScheduler();
    }
}
