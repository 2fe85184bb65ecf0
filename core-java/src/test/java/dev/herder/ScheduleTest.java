package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import org.junit.jupiter.api.Test;

/** Shuffled schedules: the tasks due at one virtual instant run in an order drawn from a seed. */
class ScheduleTest {

    /** Three coroutines ready at once; the order they ran in. */
    private static String orderOfThree(Schedule schedule) {
        StringBuilder order = new StringBuilder();
        Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(schedule), scope -> {
            for (char name : new char[] {'a', 'b', 'c'}) {
                scope.launch(c -> {
                    order.append(name);
                    return Unit.INSTANCE;
                });
            }
        });
        return order.toString();
    }

    @Test
    void fifoIsTheDefaultAndRunsTasksInTheOrderTheyArrived() {
        assertThat(TestOptions.defaults().schedule()).isEqualTo(Schedule.fifo());
        assertThat(Schedule.fifo().isShuffled()).isFalse();
        assertThat(Schedule.fifo().seed()).isZero();
        assertThat(Schedule.fifo()).hasToString("fifo");
        for (int run = 0; run < 20; run++) {
            assertThat(orderOfThree(Schedule.fifo())).isEqualTo("abc");
        }
        Coroutines.runBlockingTest(scope -> assertThat(scope.schedule()).isEqualTo(Schedule.fifo()));
    }

    @Test
    void aShuffledScheduleSaysItsSeed() {
        Schedule schedule = Schedule.shuffled(0x5EEDL);
        assertThat(schedule.isShuffled()).isTrue();
        assertThat(schedule.seed()).isEqualTo(0x5EEDL);
        assertThat(schedule).hasToString("shuffled(seed=0x0000000000005EED)").isEqualTo(Schedule.shuffled(0x5EEDL));
        assertThat(Schedule.shuffled(-1)).hasToString("shuffled(seed=0xFFFFFFFFFFFFFFFF)");
        Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(schedule),
            scope -> assertThat(scope.schedule()).isEqualTo(schedule));
    }

    @Test
    void allSixOrdersOfThreeReadyCoroutinesAppearWithin300SeedsAndEachAboutASixthOf6000() {
        Map<String, Integer> within300 = new HashMap<>();
        Map<String, Integer> within6000 = new HashMap<>();
        for (long seed = 0; seed < 6_000; seed++) {
            String order = orderOfThree(Schedule.shuffled(seed));
            within6000.merge(order, 1, Integer::sum);
            if (seed < 300) {
                within300.merge(order, 1, Integer::sum);
            }
        }
        assertThat(within300).containsOnlyKeys("abc", "acb", "bac", "bca", "cab", "cba");
        assertThat(within6000).containsOnlyKeys("abc", "acb", "bac", "bca", "cab", "cba");
        within6000.values().forEach(count -> assertThat(count).isBetween(700, 1_300));   // 1,000 ± 30 %
    }

    @Test
    void theSameSeedRunsTheSameInterleavingEveryTimeAndEverywhere() {
        // recorded once: SplittableRandom's sequence is specified by the JDK, so this holds on every JVM and machine
        assertThat(orderOfThree(Schedule.shuffled(0x5EEDL))).isEqualTo(orderOfThree(Schedule.shuffled(0x5EEDL)));
        List<String> recorded = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            recorded.add(orderOfThree(Schedule.shuffled(seed)));
        }
        assertThat(recorded).containsExactly(RECORDED_ORDERS_OF_SEEDS_1_TO_8);
    }

    private static final String[] RECORDED_ORDERS_OF_SEEDS_1_TO_8 = {"cba", "bca", "cab", "bca", "acb", "bca", "bac", "bca"};

    @Test
    void timeOrderIsKeptOnlyTasksAtOneInstantAreShuffled() {
        for (long seed = 0; seed < 50; seed++) {
            List<String> log = new ArrayList<>();
            Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(Schedule.shuffled(seed)), scope -> {
                for (long at = 30; at >= 10; at -= 10) {
                    long due = at;
                    scope.launch(Suspend.after(Duration.ofMillis(due), () -> log.add(due + "@" + scope.currentTime())));
                }
                scope.advanceTimeBy(Duration.ofMillis(25));
                assertThat(log).containsExactly("10@10", "20@20");
                assertThat(scope.currentTime()).isEqualTo(25);
                scope.runCurrent();
                assertThat(log).hasSize(2);
            });
            assertThat(log).containsExactly("10@10", "20@20", "30@30");
        }
    }

    @Test
    void scheduledExecutorTasksDueTogetherAreShuffledToo() {
        Map<String, Integer> orders = new HashMap<>();
        for (long seed = 0; seed < 60; seed++) {
            StringBuilder order = new StringBuilder();
            Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(Schedule.shuffled(seed)), scope -> {
                var executor = scope.scheduledExecutor();
                for (char name : new char[] {'x', 'y', 'z'}) {
                    executor.schedule(() -> order.append(name), 100, TimeUnit.MILLISECONDS);
                }
                scope.advanceUntilIdle();
                assertThat(scope.currentTime()).isEqualTo(100);
            });
            orders.merge(order.toString(), 1, Integer::sum);
        }
        assertThat(orders).hasSize(6);
    }

    @Test
    void virtualDispatcherWorkIsShuffledToo() {
        Map<String, Integer> orders = new HashMap<>();
        for (long seed = 0; seed < 60; seed++) {
            List<Integer> finished = scheduleOfIoReads(seed);
            orders.merge(finished.toString(), 1, Integer::sum);
        }
        assertThat(orders.size()).isGreaterThan(1);
    }

    private static List<Integer> scheduleOfIoReads(long seed) {
        List<Integer> finished = new ArrayList<>();
        Coroutines.runBlockingTest(TestOptions.defaults().withSchedule(Schedule.shuffled(seed)).withVirtualDispatchers(true),
            scope -> {
                for (int i = 1; i <= 3; i++) {
                    int id = i;
                    scope.launch(c -> dev.herder.virtual.HopsKt.readOnIo(100, c)).thenRun(() -> finished.add(id));
                }
            });
        return finished;
    }

    @Test
    void aFailureUnderAShuffledScheduleSaysHowToReplayItAndShowsTheInterleaving() {
        IllegalStateException bug = new IllegalStateException("order bug");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withSchedule(Schedule.shuffled(0xC0FFEEL)), scope -> {
                scope.launch(c -> Calls.delay(10).invoke(c));
                scope.await(Calls.delay(20));
                throw bug;
            }));
        assertThat(thrown).isSameAs(bug);
        assertThat(thrown.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
            .startsWith("This failure happened under Schedule.shuffled(0x0000000000C0FFEEL): the tasks due at one "
                + "virtual instant ran in an order drawn from that seed. Replay exactly this interleaving with "
                + "@ExploreSchedules(strategy = Strategy.SHUFFLED, seeds = {0x0000000000C0FFEEL}) or "
                + "TestOptions.defaults().withSchedule(Schedule.shuffled(0x0000000000C0FFEEL)).\n"
                + "The interleaving it ran")
            .contains("    10 ms  \"", "    20 ms  \""));

        Throwable underFifo = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            throw bug;
        }));
        assertThat(underFifo.getSuppressed()).hasSize(1);   // the one attached above: fifo adds none
    }

    @Test
    void anExploredTraceNamesEachLaunchByItsJavaCallSiteAndEachHandOffByItsCoroutine() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withVirtualDispatchers(true).withSchedule(Schedule.shuffled(7)), scope -> {
                kotlinx.coroutines.sync.Mutex mutex = kotlinx.coroutines.sync.MutexKt.Mutex(true);
                scope.launch(c -> mutex.lock(null, c));
                scope.launch(c -> dev.herder.virtual.HopsKt.readOnIo(10, c));
                scope.runCurrent();
                mutex.unlock(null);   // hands the lock to the first coroutine: a CancellableContinuation as a task
                scope.advanceTimeBy(Duration.ofMillis(20));
                throw new IllegalStateException("order bug");
            }));
        String trace = thrown.getSuppressed()[0].getMessage();
        assertThat(trace)
            .containsPattern("\"scope\\.launch at dev\\.herder\\.ScheduleTest\\.lambda\\$anExploredTrace\\w*\\$\\d+"
                + "\\(ScheduleTest\\.java:\\d+\\)\"")
            .doesNotContain("CancellableContinuation(", "DispatchedContinuation[", "{Completed}", "\"\"");
        assertThat(trace.lines().filter(line -> line.contains("\"scope.launch at ")).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aShuffledScheduleOnARealDispatcherIsRefused() {
        assertThat(catchThrowable(() -> TestOptions.defaults().withDispatcher(DispatcherKind.IO)
            .withSchedule(Schedule.shuffled(1)))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("An explored schedule orders the tasks due at one virtual instant, and DispatcherKind.IO runs "
                + "on real time, where threads decide the order: the two cannot be combined. Drop "
                + "withSchedule(...) (shuffled(seed=0x0000000000000001)), or drop withDispatcher(...) to run on a test "
                + "dispatcher.");
        assertThat(catchThrowable(() -> TestOptions.defaults().withSchedule(null)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
