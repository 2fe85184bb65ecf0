package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.CoroutineTestTimeoutError;
import dev.herder.TestBody;
import dev.herder.TestOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.Dispatchers;

/**
 * Not a JMH benchmark: a measurement of wall-clock overshoot past a 1 s test timeout for each kind of hang, and of
 * threads and heap over 10,000 tests. Run: {@code java -cp benchmarks/target/benchmarks.jar dev.herder.benchmarks.Hangs}.
 */
public final class Hangs {
    private static final TestOptions ONE_SECOND = TestOptions.defaults().withTimeout(Duration.ofSeconds(1));

    public static void main(String[] args) throws Exception {
        Map<String, TestBody> kinds = new LinkedHashMap<>();
        kinds.put("body in Thread.sleep", scope -> Thread.sleep(Long.MAX_VALUE));
        kinds.put("body in Future.get()", scope -> new CompletableFuture<>().get());
        kinds.put("coroutine sleeping on the test thread", scope -> scope.launch(c -> {
            sleep(Long.MAX_VALUE);
            return null;
        }));
        kinds.put("coroutine sleeping on Dispatchers.IO", scope -> scope.await(c -> BuildersKt.withContext(
            Dispatchers.getIO(), (s, inner) -> {
                sleep(5_000);
                return null;
            }, c)));
        kinds.put("raw call that never resumes", scope -> scope.await(c -> IntrinsicsKt.getCOROUTINE_SUSPENDED()));
        kinds.put("await of a stage that never completes", scope -> scope.await(new CompletableFuture<>()));
        kinds.put("endless virtual-time loop in advanceUntilIdle", scope -> {
            scope.launch(c -> tick(c));
            scope.advanceUntilIdle();
        });
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("overshoot past a 1 s timeout, " + runs + " runs each (ms): max / median");
        for (Map.Entry<String, TestBody> kind : kinds.entrySet()) {
            long[] overshoots = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                try {
                    Coroutines.runBlockingTest(ONE_SECOND, kind.getValue());
                    throw new AssertionError(kind.getKey() + " did not time out");
                } catch (CoroutineTestTimeoutError expected) {
                    overshoots[i] = (System.nanoTime() - start) / 1_000_000 - 1_000;
                }
            }
            java.util.Arrays.sort(overshoots);
            System.out.printf("  %-48s %5d / %5d%n", kind.getKey(), overshoots[runs - 1], overshoots[runs / 2]);
        }
        footprint(10_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Object tick(kotlin.coroutines.Continuation<? super Object> c) {
        return kotlinx.coroutines.DelayKt.delay(1, new kotlin.coroutines.Continuation<kotlin.Unit>() {
            @Override public kotlin.coroutines.CoroutineContext getContext() { return c.getContext(); }
            @Override public void resumeWith(Object result) {
                if (result instanceof kotlin.Result.Failure) {
                    c.resumeWith(result);   // cancelled: the ticker ends
                } else {
                    tick(c);
                }
            }
        });
    }

    /** Threads and heap after GC over {@code tests} passing tests that each hop to Dispatchers.IO and back. */
    private static void footprint(int tests) {
        System.out.println("footprint over " + tests + " tests (each hops to Dispatchers.IO and launches 10 coroutines):");
        for (int i = 1; i <= tests; i++) {
            Coroutines.runBlockingTest(scope -> {
                for (int j = 0; j < 10; j++) {
                    scope.launch(c -> kotlinx.coroutines.DelayKt.delay(1_000, c));
                }
                scope.await(c -> BuildersKt.withContext(Dispatchers.getIO(), (s, inner) -> "io", c));
            });
            if (i == 1_000 || i == tests) {
                System.gc();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("  after %6d tests: %3d live threads, %6.1f MiB heap used after GC%n", i,
                    ManagementFactory.getThreadMXBean().getThreadCount(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
            }
        }
    }
}
