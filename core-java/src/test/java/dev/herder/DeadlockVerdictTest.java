package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.virtual.BlockingKt;
import dev.herder.virtual.Relay;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlinx.coroutines.CoroutineScopeKt;
import kotlinx.coroutines.SupervisorKt;
import kotlinx.coroutines.sync.MutexKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The deadlock verdict of virtual dispatchers, as Go's synctest defines it: only when every coroutine of the test
 * waits for something that only the test's own coroutines could give it. Both sides: what must be called deadlocked
 * (and is, long before the deadline), and what waits for a real thread or real I/O and must never be.
 */
class DeadlockVerdictTest {
    /**
     * A deadline far beyond the verdict: a test that fails with "is deadlocked" was judged by the verdict, not by the
     * deadline, whose message says "did not complete within".
     */
    private static final TestOptions VIRTUAL = TestOptions.defaults().withVirtualDispatchers(true)
        .withTimeout(Duration.ofSeconds(30));

    /** How long the real world takes to answer in the real-wait probes: longer than several verdict windows. */
    private static final long REAL_WORK_MILLIS = 1_500;

    private static String deadlockOf(TestBody body) {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(VIRTUAL, body));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        assertThat(thrown.getMessage())
            .startsWith("Coroutine test is deadlocked: every coroutine of the test is waiting for another of its "
                + "coroutines (a Mutex, a channel, a job or CompletableDeferred), and nothing is due on the virtual "
                + "clock (virtual time 0 ms).")
            .doesNotContain("(0):");
        return thrown.getMessage();
    }

    @Nested
    class TrueDeadlocksAreCalledSo {
        @Test
        void aMutexLockedTwiceByTheSameCoroutine() {
            String message = deadlockOf(scope -> scope.await(c -> BlockingKt.lockTwice(MutexKt.Mutex(false), c)));
            assertThat(message)
                .contains("Waiting coroutines (1):", "\"await\" SUSPENDED, waiting for a Mutex or Semaphore")
                .contains("at dev.herder.virtual.BlockingKt.lockTwice");
        }

        @Test
        void aChannelReceiveWithNoSender() {
            assertThat(deadlockOf(scope -> scope.await(c -> BlockingKt.receiveWithNoSender(c))))
                .contains("\"await\" SUSPENDED, waiting for a channel");
        }

        @Test
        void aCompletableDeferredNobodyCompletes() {
            assertThat(deadlockOf(scope -> scope.await(c -> BlockingKt.awaitNeverCompleted(c))))
                .contains("SUSPENDED, waiting for a CompletableDeferred or Job nobody completed")
                .contains("at dev.herder.virtual.BlockingKt$awaitNeverCompleted");
        }

        @Test
        void twoMutexesTakenInOppositeOrdersNameBothWaiters() {
            assertThat(deadlockOf(scope -> scope.await(c -> BlockingKt.locksInOppositeOrder(c))))
                .contains("Waiting coroutines (2):")
                .contains("\"a-then-b\" SUSPENDED, waiting for a Mutex or Semaphore")
                .contains("\"b-then-a\" SUSPENDED, waiting for a Mutex or Semaphore");
        }

        @Test
        void aLaunchedDeadlockIsFoundWhenTheBodyHasReturned() {
            assertThat(deadlockOf(scope -> scope.launch(c -> BlockingKt.lockTwice(MutexKt.Mutex(false), c))))
                .contains("SUSPENDED, waiting for a Mutex or Semaphore")
                .contains("at dev.herder.virtual.BlockingKt.lockTwice");
        }

        @Test
        void aGateNeverOpened() {
            Gate<String> gate = new Gate<>();
            assertThat(deadlockOf(scope -> scope.await(gate.pass())))
                .contains("\"await\" SUSPENDED, waiting for a CompletableDeferred or Job nobody completed");
        }
    }

    @Nested
    class WaitsForRealWorkAreNeverCalledDeadlocks {
        private final ScheduledExecutorService realThreads = Executors.newSingleThreadScheduledExecutor();

        @AfterEach
        void stop() {
            realThreads.shutdownNow();
        }

        private CompletableFuture<String> completedLater(String value) {
            CompletableFuture<String> future = new CompletableFuture<>();
            realThreads.schedule(() -> future.complete(value), REAL_WORK_MILLIS, TimeUnit.MILLISECONDS);
            return future;
        }

        @Test
        void aMutexAPlainThreadUnlocksWithinTheQuietSecondIsNotCalledDeadlocked() {
            // a Mutex wait counts as durable (Herder cannot see that a thread outside the test holds it); the contract's
            // second of quiet before the verdict is the margin such a thread has: here it unlocks after 300 ms
            kotlinx.coroutines.sync.Mutex mutex = kotlinx.coroutines.sync.MutexKt.Mutex(true);
            realThreads.schedule(() -> mutex.unlock(null), 300, TimeUnit.MILLISECONDS);
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                scope.await(c -> mutex.lock(null, c));
                assertThat(mutex.isLocked()).isTrue();
            });
        }

        @Test
        void aFutureARealExecutorCompletesAwaitedWithScopeAwait() {
            Coroutines.runBlockingTest(VIRTUAL, scope ->
                assertThat(scope.await(completedLater("real"))).isEqualTo("real"));
        }

        @Test
        void kotlinCompletionStageAwaitOnIo() {
            CompletableFuture<String> future = completedLater("real");
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                String value = scope.await(c -> BlockingKt.awaitFutureOnIo(future, c));
                assertThat(value).isEqualTo("real");
            });
        }

        @Test
        void suspendAwaitInAJavaFake() {
            CompletableFuture<String> future = completedLater("real");
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                String value = scope.await(c -> Suspend.await(future).call(c));
                assertThat(value).isEqualTo("real");
            });
        }

        @Test
        void joiningAScopeFutureWhoseCoroutineWaitsForRealWork() {
            CompletableFuture<String> future = completedLater("real");
            Coroutines.runBlockingTest(VIRTUAL, scope ->
                assertThat(scope.future(c -> Suspend.await(future).call(c)).join()).isEqualTo("real"));
        }

        @Test
        void aSuspendingNio2ReadOnLoopbackAnsweredLater() throws Exception {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CountDownLatch accepted = new CountDownLatch(1);
                realThreads.execute(() -> {
                    try (Socket client = server.accept()) {
                        accepted.countDown();
                        Thread.sleep(REAL_WORK_MILLIS);   // the server is slow: the real world, not the test
                        OutputStream out = client.getOutputStream();
                        out.write("pong\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Coroutines.runBlockingTest(VIRTUAL, scope -> {
                    String reply = scope.await(c -> BlockingKt.readFromLoopback(server.getLocalPort(), c));
                    assertThat(reply).isEqualTo("pong");
                });
                assertThat(accepted.getCount()).isZero();
            }
        }

        @Test
        void aJavaCallResumedFromAnotherThreadWithoutTellingItsJob() {
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                String value = scope.await(c -> {
                    realThreads.schedule(() -> c.resumeWith("late"), REAL_WORK_MILLIS, TimeUnit.MILLISECONDS);
                    return IntrinsicsKt.getCOROUTINE_SUSPENDED();
                });
                assertThat(value).isEqualTo("late");
            });
        }

        @Test
        void aChannelFedByACoroutineOfAnOutsideScopeThatWaitsForRealWork() {
            CompletableFuture<String> future = completedLater("relayed");
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                Relay relay = new Relay(CoroutineScopeKt.CoroutineScope(SupervisorKt.SupervisorJob(null)));
                relay.relay(future);
                String reply = scope.await(c -> relay.getReplies().receive(c));
                assertThat(reply).isEqualTo("relayed");
            });
        }

        @Test
        void aFutureBridgedToADeferredWithAsDeferred() {
            CompletableFuture<String> future = completedLater("bridged");
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                String value = scope.await(c -> kotlinx.coroutines.future.FutureKt.asDeferred(future).await(c));
                assertThat(value).isEqualTo("bridged");
            });
        }

        @Test
        void aChannelFedByABackgroundCoroutineThatWaitsForRealWork() {
            CompletableFuture<String> future = completedLater("from the background");
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                Relay relay = new Relay(scope.backgroundScope());
                relay.relay(future);
                String reply = scope.await(c -> relay.getReplies().receive(c));
                assertThat(reply).isEqualTo("from the background");
            });
        }

        @Test
        void aMutexWaitUnderARealTimeTimeoutGivesUpInsteadOfBeingCalledDeadlocked() {
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                Boolean locked = scope.await(c -> BlockingKt.lockOrGiveUpOnUnconfined(REAL_WORK_MILLIS, c));
                assertThat(locked).isNull();
            });
        }

        @Test
        void joiningACancelledCoroutineWhoseCleanUpWaitsForRealWork() {
            CompletableFuture<String> closed = completedLater("closed");
            Coroutines.runBlockingTest(VIRTUAL, scope -> {
                String outcome = scope.await(c -> BlockingKt.cancelAWorkerWhoseCleanUpWaitsForRealWork(closed, c));
                assertThat(outcome).isEqualTo("cleaned up");
            });
        }

        @Test
        void aWaitHerderCannotSeeTheEndOfRunsToTheDeadlineAndIsReportedAsATimeout() {
            Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
                VIRTUAL.withTimeout(Duration.ofMillis(1_200)),
                scope -> scope.await(c -> IntrinsicsKt.getCOROUTINE_SUSPENDED())));
            assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
            assertThat(thrown.getMessage()).doesNotContain("deadlocked").startsWith("Coroutine test timed out after 1200 ms of wall-clock time");
        }
    }
}
