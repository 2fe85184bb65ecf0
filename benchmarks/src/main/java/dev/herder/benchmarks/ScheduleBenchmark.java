package dev.herder.benchmarks;

import dev.herder.Coroutines;
import dev.herder.Schedule;
import dev.herder.Suspend;
import dev.herder.TestOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * Exploring schedules against running the same small test under kotlinx's FIFO order: three coroutines that each
 * suspend twice at shared instants, and an await. Each operation is one whole test; the shuffled side uses a new
 * seed every time, as {@code @ExploreSchedules} does, under each strategy. Goal: at most 1.5x.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ScheduleBenchmark -f 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScheduleBenchmark {
    private static final TestOptions FIFO = TestOptions.defaults();
    private long seed;

    private static void smallTest(TestOptions options) {
        Coroutines.runBlockingTest(options, scope -> {
            for (int i = 0; i < 3; i++) {
                scope.launch(Suspend.delay(Duration.ofMillis(10)).then(done -> Suspend.delay(Duration.ofMillis(10))));
            }
            scope.await(Suspend.delay(Duration.ofMillis(15)));
        });
    }

    @Benchmark
    public void fifo() {
        smallTest(FIFO);
    }

    @Benchmark
    public void shuffled() {
        smallTest(FIFO.withSchedule(Schedule.shuffled(seed++)));
    }

    @Benchmark
    public void pct() {
        smallTest(FIFO.withSchedule(Schedule.pct(seed++, 3)));
    }

    @Benchmark
    public void pos() {
        smallTest(FIFO.withSchedule(Schedule.pos(seed++)));
    }
}
