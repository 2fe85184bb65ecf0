package dev.herder.benchmarks;

import static dev.herder.mock.SuspendMockk.any;

import dev.herder.mock.SuspendMockk;
import dev.herder.mock.SuspendMocks;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kotlin.coroutines.Continuation;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of a stubbed suspend function whose answer suspends for 1 ms of virtual time: stubbed from Java through
 * {@link SuspendMocks} (Mockito) and {@link SuspendMockk} (mockk), against native mockk
 * {@code coEvery { } coAnswers { delay(1); … }} written in Kotlin. All three are called the same way, from a Kotlin
 * loop inside {@code runTest}, so only the stub differs.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar MockBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Dherder.debugProbes=false")
public class MockBenchmark {
    private static final int CALLS = 1_000;

    private UserRepo nativeMockk;
    private UserRepo herderMockk;
    private UserRepo herderMockito;
    private UserRepo handWrittenMockito;

    @Setup
    public void stub() {
        nativeMockk = MockBaselines.nativeMockkRepo();

        herderMockk = SuspendMockk.mock(UserRepo.class);
        SuspendMockk.coEvery(herderMockk, (r, c) -> r.find(any(String.class), c)).thenReturnAfter(Duration.ofMillis(1), "user");

        herderMockito = SuspendMocks.mock(UserRepo.class);
        SuspendMocks.whenever(herderMockito, (r, c) -> r.find(ArgumentMatchers.anyString(), c)).thenReturnAfter(Duration.ofMillis(1), "user");

        handWrittenMockito = Mockito.mock(UserRepo.class);
        Mockito.when(handWrittenMockito.find(ArgumentMatchers.anyString(), null)).thenAnswer(invocation -> {
            Object[] raw = invocation.getRawArguments();
            @SuppressWarnings("unchecked")
            Continuation<? super String> continuation = (Continuation<? super String>) raw[raw.length - 1];
            return MockBaselines.delayThenUser(continuation);
        });
    }

    /** Mockito's own cost: the same suspending answer written by hand with plain Mockito. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int handWrittenMockitoAnswer() {
        return MockBaselines.callFindInRunTest(handWrittenMockito, CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int nativeMockkCoAnswers() {
        return MockBaselines.callFindInRunTest(nativeMockk, CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int suspendMockkThenReturnAfter() {
        return MockBaselines.callFindInRunTest(herderMockk, CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int suspendMocksThenReturnAfter() {
        return MockBaselines.callFindInRunTest(herderMockito, CALLS);
    }
}
