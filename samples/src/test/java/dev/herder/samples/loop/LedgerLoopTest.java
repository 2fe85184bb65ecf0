package dev.herder.samples.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.LoopRunner;
import dev.herder.junit.CoroutineTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Coroutines that must all run on one dedicated thread: the talk's "loop runner". */
class LedgerLoopTest {

    // README: loop runner
    @Test
    void callsFromManyThreadsAllRunOnTheLoopThread() throws Exception {
        Ledger ledger = new Ledger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (LoopRunner loop = LoopRunner.start("ledger-loop")) {
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String entry = "entry " + i;
                writes.add(CompletableFuture.supplyAsync(() -> loop.<Integer>submit(c -> ledger.record(entry, c)), callers)
                    .thenCompose(f -> f));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            int size = loop.runBlocking(c -> ledger.record("last", c));
            assertThat(size).isEqualTo(41);
        } finally {
            callers.shutdownNow();
        }
    }
    // README: end

    @CoroutineTest(dispatcher = DispatcherKind.SINGLE_THREAD)
    void manyConcurrentCoroutinesShareTheTestsOneLoopThread(CoroutineTestScope scope) {
        Ledger ledger = new Ledger();
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String entry = "entry " + i;
            writes.add(scope.future(c -> ledger.record(entry, c)));
        }
        writes.forEach(scope::await);
        assertThat(ledger.getSize()).isEqualTo(100);
    }

    @Test
    void usedFromTwoThreadsTheLedgerRefuses() {
        Ledger ledger = new Ledger();
        try (LoopRunner first = LoopRunner.start("first-loop"); LoopRunner second = LoopRunner.start("second-loop")) {
            first.runBlocking(c -> ledger.record("a", c));
            Throwable refused = catchThrowable(() -> second.runBlocking(c -> ledger.record("b", c)));
            assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Ledger used from second-loop");
        }
    }
}
