package dev.herder.benchmarks;

import dev.herder.Coroutines;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.Dispatchers;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does waiting on real I/O burn a core? {@code herderAwaitIo} awaits a call that sleeps 20 ms on
 * {@code Dispatchers.IO}; {@code baselineSleepInBody} is a test whose body just sleeps 20 ms. The counters
 * {@code testThreadCpuMicros / waits} give the CPU time the test thread used per test, as the JVM reports it (a busy wait would show
 * about 20,000 µs; this VM's per-thread CPU accounting is coarse, hence the baseline).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RealIoWaitBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RealIoWaitBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCounter {
        public long testThreadCpuMicros;
        public long waits;

        @Setup(Level.Iteration)
        public void reset() {
            testThreadCpuMicros = 0;
            waits = 0;
        }
    }

    @Benchmark
    public void baselineSleepInBody(CpuCounter counter) {
        long before = THREADS.getCurrentThreadCpuTime();
        Coroutines.runBlockingTest(scope -> Thread.sleep(20));
        counter.testThreadCpuMicros += (THREADS.getCurrentThreadCpuTime() - before) / 1_000;
        counter.waits++;
    }

    @Benchmark
    public void herderAwaitIo(CpuCounter counter) {
        long before = THREADS.getCurrentThreadCpuTime();
        Coroutines.runBlockingTest(scope -> scope.await(c -> BuildersKt.withContext(Dispatchers.getIO(), (s, inner) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }, c)));
        counter.testThreadCpuMicros += (THREADS.getCurrentThreadCpuTime() - before) / 1_000;
        counter.waits++;
    }
}
