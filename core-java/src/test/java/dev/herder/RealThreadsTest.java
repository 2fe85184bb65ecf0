package dev.herder;

import static dev.herder.Calls.awaitFuture;
import static dev.herder.Calls.delay;
import static dev.herder.Calls.onIo;
import static dev.herder.Calls.onIoUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RealThreadsTest {

    @Test
    void awaitWaitsForACallThatHopsToIo() {
        Coroutines.runBlockingTest(scope -> {
            String thread = scope.await(onIo(30));
            assertThat(thread).startsWith("DefaultDispatcher-worker");
            assertThat(scope.currentTime()).isZero();
        });
    }

    @Test
    void awaitWaitsForACallResumedFromAForeignThread() {
        var callbacks = Executors.newSingleThreadScheduledExecutor();
        try {
            Coroutines.runBlockingTest(scope -> {
                CompletableFuture<String> response = new CompletableFuture<>();
                callbacks.schedule(() -> response.complete("pong"), 20, TimeUnit.MILLISECONDS);
                assertThat(scope.await(awaitFuture(response))).isEqualTo("pong");
            });
        } finally {
            callbacks.shutdownNow();
        }
    }

    @Test
    void pendingTimersRunWhileAnAwaitWaitsForRealWorkAsInRunTest() {
        Coroutines.runBlockingTest(scope -> {
            var timer = scope.future(delay(1000));
            assertThat(timer).isNotDone();
            // the IO work ends only once the timer has fired: the await returns only if the timer ran during it
            scope.await(onIoUntil(timer));
            assertThat(timer).as("runTest skips delays while it waits for other dispatchers").isDone();
            assertThat(scope.currentTime()).isEqualTo(1000);
            timer.join();
        });
    }

    @Test
    void awaitOfACompletionStageWaitsForAForeignThread() {
        var pool = Executors.newSingleThreadExecutor();
        try {
            Coroutines.runBlockingTest(scope -> {
                CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> {
                    Calls.sleep(20);
                    return 42;
                }, pool);
                int value = scope.await(answer);
                assertThat(value).isEqualTo(42);
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theEndOfTheTestWaitsForCoroutinesOnRealThreads() {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Coroutines.runBlockingTest(scope -> scope.launch(c -> {
            Object r = onIo(30).invoke(new RecordingContinuation<>(c, () -> seen.complete("io done")));
            return r;
        }));
        assertThat(seen).isCompletedWithValue("io done");
    }
}
