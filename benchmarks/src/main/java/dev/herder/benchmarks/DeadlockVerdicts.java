package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Gate;
import dev.herder.Suspend;
import dev.herder.TestBody;
import dev.herder.TestOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.CompletableDeferredKt;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.ChannelKt;
import kotlinx.coroutines.sync.MutexKt;

/**
 * Not a JMH benchmark: how long the deadlock verdict of virtual dispatchers takes (wall clock, from
 * {@code runBlockingTest} to the {@code CoroutineTestTimeoutError} that says "is deadlocked"), for the first test of a
 * fresh JVM (cold: the agent's attach included) and for later ones (warm); and that real waits — a future a real
 * thread completes 1.5 s later — are never called deadlocked. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.herder.benchmarks.DeadlockVerdicts 5} (and once more per cold
 * sample: each JVM gives one).
 */
public final class DeadlockVerdicts {
    private static final TestOptions VIRTUAL = TestOptions.defaults().withVirtualDispatchers(true)
        .withTimeout(Duration.ofSeconds(30));

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, TestBody> deadlocks = new LinkedHashMap<>();
        deadlocks.put("Mutex held by nobody who will unlock it", scope ->
            scope.await(c -> MutexKt.Mutex(true).lock(null, c)));
        deadlocks.put("channel receive with no sender", scope ->
            scope.await(c -> ChannelKt.Channel(0, BufferOverflow.SUSPEND, null).receive(c)));
        deadlocks.put("CompletableDeferred never completed", scope ->
            scope.await(c -> CompletableDeferredKt.CompletableDeferred(null).await(c)));
        deadlocks.put("Gate never opened", scope -> scope.await(new Gate<String>().pass()));
        deadlocks.put("launched deadlock found at the end", scope ->
            scope.launch(c -> MutexKt.Mutex(true).lock(null, c)));

        System.out.println("deadlock verdict, wall clock from runBlockingTest to the verdict (ms)");
        boolean first = true;
        for (Map.Entry<String, TestBody> shape : deadlocks.entrySet()) {
            long[] times = new long[runs];
            for (int i = 0; i < runs; i++) {
                times[i] = verdictMillis(shape.getKey(), shape.getValue());
                if (first) {
                    System.out.printf("  cold (first test of this JVM, agent attach included): %d%n", times[0]);
                    first = false;
                }
            }
            Arrays.sort(times);
            System.out.printf("  %-44s max %4d / median %4d%n", shape.getKey(), times[runs - 1], times[runs / 2]);
        }

        ScheduledExecutorService realThreads = Executors.newSingleThreadScheduledExecutor();
        int falseVerdicts = 0;
        try {
            for (int i = 0; i < runs; i++) {
                CompletableFuture<String> future = new CompletableFuture<>();
                realThreads.schedule(() -> future.complete("real"), 1_500, TimeUnit.MILLISECONDS);
                try {
                    Coroutines.runBlockingTest(VIRTUAL, scope -> {
                        String a = scope.await(c -> Suspend.await(future).call(c));
                        if (!"real".equals(a)) {
                            throw new AssertionError(a);
                        }
                    });
                } catch (CoroutineTestTimeoutError e) {
                    falseVerdicts++;
                }
            }
        } finally {
            realThreads.shutdownNow();
        }
        System.out.printf("real waits (a future completed 1.5 s later by a real thread): %d of %d called deadlocked%n",
            falseVerdicts, runs);
    }

    private static long verdictMillis(String shape, TestBody body) {
        long start = System.nanoTime();
        try {
            Coroutines.runBlockingTest(VIRTUAL, body);
        } catch (CoroutineTestTimeoutError e) {
            if (!e.getMessage().contains("is deadlocked")) {
                throw new AssertionError(shape + " was not called deadlocked: " + e.getMessage(), e);
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
        throw new AssertionError(shape + " passed");
    }
}
