package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.TestOptions;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.Dispatchers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A test whose code hops to {@code Dispatchers.IO} 1,000 times with a 1 ms delay each: Herder with virtual dispatchers
 * (the code keeps its hard-coded {@code Dispatchers.IO}) against native {@code runTest} with a
 * {@code StandardTestDispatcher} injected in its place (today's workaround). Goal: at most 1.5x.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar VirtualDispatchersBenchmark -f 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"})
public class VirtualDispatchersBenchmark {
    private static final int HOPS = 1_000;
    private static final TestOptions VIRTUAL = TestOptions.defaults().withVirtualDispatchers(true);

    @Benchmark
    public long nativeInjectedTestDispatcher() {
        return IoHops.hopToInjectedTestDispatcherInRunTest(HOPS);
    }

    @Benchmark
    public long herderVirtualDispatchers() {
        long[] sum = {0};
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            long hops = scope.await(c -> IoHops.hopToIo(HOPS, Dispatchers.getIO(), c));
            sum[0] = hops;
        });
        return sum[0];
    }
}
