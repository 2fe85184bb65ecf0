package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Java code that takes a Clock and an executor, tested on the test's virtual clock beside coroutines. */
class ScheduledExecutorTest {

    // README: heartbeat
    /** Java code under test: reports the time every second on the executor it is given. */
    static final class Heartbeat {
        final List<Instant> beats = new CopyOnWriteArrayList<>();
        private final ScheduledFuture<?> task;

        Heartbeat(Clock clock, ScheduledExecutorService executor) {
            task = executor.scheduleAtFixedRate(() -> beats.add(clock.instant()), 1, 1, TimeUnit.SECONDS);
        }

        void stop() {
            task.cancel(false);
        }
    }

    @Test
    void javaCodeWithAClockAndAnExecutorRunsOnTheVirtualClock() {
        Coroutines.runBlockingTest(scope -> {
            Heartbeat heartbeat = new Heartbeat(scope.clock(), scope.scheduledExecutor());
            scope.advanceTimeBy(Duration.ofMillis(3_500));
            assertThat(heartbeat.beats).containsExactly(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2), Instant.ofEpochSecond(3));
            heartbeat.stop();
        });
    }
    // README: end

    @Test
    void aScheduledTaskRunsAtItsVirtualInstant() {
        Coroutines.runBlockingTest(scope -> {
            List<Long> ranAt = new CopyOnWriteArrayList<>();
            ScheduledFuture<?> future = scope.scheduledExecutor().schedule(() -> ranAt.add(scope.currentTime()), 5, TimeUnit.SECONDS);
            assertThat(future.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(5_000);
            scope.advanceTimeBy(Duration.ofMillis(4_999));
            assertThat(ranAt).isEmpty();
            assertThat(future.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(1);
            future.get();   // on the test thread, get() drives the loop to the task's instant
            assertThat(ranAt).containsExactly(5_000L);
        });
    }

    @Test
    void executorTasksAndCoroutinesShareOneClockAndOneOrder() {
        Coroutines.runBlockingTest(scope -> {
            List<String> events = new CopyOnWriteArrayList<>();
            scope.scheduledExecutor().schedule(() -> events.add("task@" + scope.currentTime()), 150, TimeUnit.MILLISECONDS);
            scope.launch(c -> Calls.delayThen(100, "x").invoke(new RecordingContinuation<>(c, () -> events.add("coroutine@" + scope.currentTime()))));
            scope.scheduledExecutor().schedule(() -> events.add("late task@" + scope.currentTime()), 200, TimeUnit.MILLISECONDS);
            scope.advanceUntilIdle();
            assertThat(events).containsExactly("coroutine@100", "task@150", "late task@200");
        });
    }

    @Test
    void supplyAsyncOnTheExecutorRunsOnTheTestsLoop() {
        Coroutines.runBlockingTest(scope -> {
            Thread testThread = Thread.currentThread();
            CompletableFuture<Thread> ranOn = CompletableFuture.supplyAsync(Thread::currentThread, scope.scheduledExecutor());
            assertThat(ranOn).as("nothing runs until the test waits").isNotDone();
            Thread thread = scope.await(ranOn);
            assertThat(thread).isSameAs(testThread);
        });
    }

    @Test
    void fixedDelayRunsOnTheVirtualClock() {
        Coroutines.runBlockingTest(scope -> {
            List<Long> ranAt = new CopyOnWriteArrayList<>();
            ScheduledExecutorService executor = scope.scheduledExecutor();
            executor.scheduleWithFixedDelay(() -> ranAt.add(scope.currentTime()), 100, 250, TimeUnit.MILLISECONDS);
            scope.advanceTimeBy(Duration.ofMillis(700));
            assertThat(ranAt).containsExactly(100L, 350L, 600L);
            executor.shutdown();
        });
    }

    @Test
    void shutdownRejectsNewTasksLetsDelayedOnesRunAndCancelsPeriodicOnes() {
        Coroutines.runBlockingTest(scope -> {
            ScheduledExecutorService executor = scope.scheduledExecutor();
            List<String> ran = new CopyOnWriteArrayList<>();
            ScheduledFuture<?> periodic = executor.scheduleAtFixedRate(() -> ran.add("tick"), 0, 100, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> delayed = executor.schedule(() -> ran.add("delayed"), 1, TimeUnit.SECONDS);
            scope.runCurrent();
            executor.shutdown();
            assertThat(executor.isShutdown()).isTrue();
            assertThat(periodic.isCancelled()).isTrue();
            assertThat(catchThrowable(() -> executor.execute(() -> { }))).isInstanceOf(RejectedExecutionException.class);
            assertThat(executor.isTerminated()).isFalse();
            boolean terminated = executor.awaitTermination(1, TimeUnit.MINUTES);
            assertThat(terminated).isTrue();
            assertThat(delayed.isDone()).isTrue();
            assertThat(ran).containsExactly("tick", "delayed");
            assertThat(scope.currentTime()).as("awaitTermination waits on the virtual clock").isEqualTo(1_000);
        });
    }

    @Test
    void shutdownNowReturnsTheTasksThatNeverStarted() {
        Coroutines.runBlockingTest(scope -> {
            ScheduledExecutorService executor = scope.scheduledExecutor();
            Runnable never = () -> { };
            executor.schedule(never, 1, TimeUnit.HOURS);
            List<Runnable> dropped = executor.shutdownNow();
            assertThat(dropped).hasSize(1);
            assertThat(executor.isTerminated()).isTrue();
        });
    }

    @Test
    void aFailingTaskNobodyReadFailsTheTest() {
        IOException down = new IOException("down");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope ->
            scope.scheduledExecutor().schedule(() -> {
                throw down;
            }, 10, TimeUnit.MILLISECONDS)));
        assertThat(thrown).isSameAs(down);
    }

    @Test
    void aFailingTaskWhoseFutureWasReadDoesNotFailTheTest() {
        Coroutines.runBlockingTest(scope -> {
            ScheduledFuture<Object> failing = scope.scheduledExecutor().schedule(() -> {
                throw new IOException("seen");
            }, 10, TimeUnit.MILLISECONDS);
            assertThat(catchThrowable(failing::get)).hasRootCauseMessage("seen");
        });
    }

    @Test
    void aPeriodicTaskLeftRunningTimesOutTheTestNamingIt() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withTimeout(Duration.ofMillis(300)),
            scope -> scope.scheduledExecutor().scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.SECONDS)));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class)
            .hasMessageContaining("\"scheduledExecutor fixed-rate task\"");
    }
}
