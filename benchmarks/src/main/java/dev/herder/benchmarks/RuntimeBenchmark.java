package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.bridge.CoroutineDumps;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.DelayKt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Herder's runtime from Java against the same work in native Kotlin {@code runTest}. Each pair (herder…/native…)
 * runs in its own forked JVM. {@code probes=true} installs kotlinx-coroutines-debug's DebugProbes in both JVMs (Herder
 * does so by default, for timeout dumps); {@code probes=false} compares against plain native {@code runTest}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RuntimeBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuntimeBenchmark {
    private static final int AWAITS = 1_000;
    private static final int LAUNCHES = 10_000;

    /** "true": kotlinx DebugProbes installed (Herder's default, for timeout dumps) for both sides; "false": none. */
    @Param({"true", "false"})
    public String probes;

    @Setup
    public void configure() {
        System.setProperty("herder.debugProbes", probes);
        CoroutineDumps.installProbesIfEnabled();
    }

    @Benchmark
    public void nativeEmptyRunTest() {
        NativeBaselines.emptyRunTest();
    }

    @Benchmark
    public void herderEmptyTest() {
        Coroutines.runBlockingTest(scope -> { });
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public int nativeAwaitDelayOne() {
        return NativeBaselines.awaitDelayOneInRunTest(AWAITS);
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public int herderAwaitDelayOne() {
        int[] sum = {0};
        Coroutines.runBlockingTest(scope -> {
            for (int i = 0; i < AWAITS; i++) {
                int one = scope.<Integer>await(c -> NativeBaselines.delayOne(c));
                sum[0] += one;
            }
        });
        return sum[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void nativeLaunch10k() {
        NativeBaselines.launchManyInRunTest(LAUNCHES);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void herderLaunch10k() {
        Coroutines.runBlockingTest(scope -> {
            for (int i = 0; i < LAUNCHES; i++) {
                long millis = i % 100;
                scope.launch(c -> DelayKt.delay(millis, c));
            }
        });
    }

    @Benchmark
    public void nativeOneHourDelay() {
        NativeBaselines.oneHourDelayInRunTest();
    }

    @Benchmark
    public void herderOneHourDelay() {
        Coroutines.runBlockingTest(scope -> scope.await(c -> DelayKt.delay(3_600_000L, c)));
    }
}
