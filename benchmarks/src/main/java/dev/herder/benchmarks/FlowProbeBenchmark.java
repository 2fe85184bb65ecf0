package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.flow.FlowProbe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code awaitItem} over a 10,000-item flow: {@link FlowProbe} from Java against Turbine's {@code test { awaitItem() }}
 * in Kotlin, both inside one test; once for a flow that emits everything at once, once for one that emits an item per
 * virtual millisecond (every await waits).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar FlowProbeBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Dherder.debugProbes=false")
public class FlowProbeBenchmark {
    private static final int ITEMS = 10_000;

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long turbineAwaitItem() {
        return FlowBaselines.turbineAwaitAll(ITEMS);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long turbineAwaitItemOfTicks() {
        return FlowBaselines.turbineAwaitAllTicks(ITEMS);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long flowProbeAwaitItemOfTicks() {
        long[] sum = {0};
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowBaselines.ticks(ITEMS));
            for (int i = 0; i < ITEMS; i++) {
                sum[0] += probe.awaitItem();
            }
            probe.awaitComplete();
        });
        return sum[0];
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long flowProbeAwaitItem() {
        long[] sum = {0};
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowBaselines.numbers(ITEMS));
            for (int i = 0; i < ITEMS; i++) {
                sum[0] += probe.awaitItem();
            }
            probe.awaitComplete();
        });
        return sum[0];
    }
}
