package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.fakes.Greeter;
import dev.herder.fakes.User;
import dev.herder.fakes.UserRepository;
import dev.herder.flow.FlowProbe;
import dev.herder.mock.SuspendMocks;
import dev.herder.virtual.HopsKt;
import dev.herder.virtual.Trace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.Dispatchers;
import org.junit.jupiter.api.Test;

/** Virtual dispatchers: the test's work on Dispatchers.IO and Dispatchers.Default runs on its virtual clock. */
class VirtualDispatchersTest {
    /** A test that would need an hour of wall-clock time if its delays were real fails in 10 s instead. */
    private static final TestOptions VIRTUAL = TestOptions.defaults().withVirtualDispatchers(true)
        .withTimeout(Duration.ofSeconds(10));

    @Test
    void withContextIoDelayMovesTheVirtualClockOnTheTestThread() {
        Thread testThread = Thread.currentThread();
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            Trace read = scope.await(c -> HopsKt.readOnIo(3_600_000, c));
            assertThat(scope.currentTime()).isEqualTo(3_600_000);
            assertThat(read.getThread()).isSameAs(testThread);
        });
    }

    @Test
    void defaultToo() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            Trace crunched = scope.await(c -> HopsKt.crunchOnDefault(1_000, c));
            assertThat(crunched.getValue()).isEqualTo(1_000);
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    @Test
    void nestedHopsAddUpAndAwaitsReturnAtTheExactInstant() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            CompletableFuture<Long> nested = scope.future(c -> HopsKt.ioThenDefault(c));
            CompletableFuture<Trace> longer = scope.future(c -> HopsKt.readOnIo(1_000, c));
            long total = scope.await(nested);
            assertThat(total).isEqualTo(300);
            assertThat(scope.currentTime()).isEqualTo(300);
            assertThat(longer).isNotDone();
            scope.await(longer);
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    @Test
    void asyncFanOutOnIoTakesTheLongestNotTheSum() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            List<Integer> results = scope.await(c -> HopsKt.fanOutOnIo(20, c));
            assertThat(results).hasSize(20).startsWith(1, 2, 3).endsWith(20);
            assertThat(scope.currentTime()).isEqualTo(200);
        });
    }

    @Test
    void viewsOfViewsOfIoAndDefaultStayVirtual() {
        Thread testThread = Thread.currentThread();
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            Trace io = scope.await(c -> HopsKt.onViewOfView(true, c));
            Trace cpu = scope.await(c -> HopsKt.onViewOfView(false, c));
            assertThat(scope.currentTime()).isEqualTo(1_000);
            assertThat(io.getThread()).isSameAs(testThread);
            assertThat(cpu.getThread()).isSameAs(testThread);
        });
    }

    @Test
    void limitedParallelismViewsOfIoAndDefaultAreVirtualToo() {
        Thread testThread = Thread.currentThread();
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            Trace io = scope.await(c -> HopsKt.onLimitedView(2, true, c));
            Trace single = scope.await(c -> HopsKt.onLimitedView(1, false, c));
            assertThat(scope.currentTime()).isEqualTo(1_000);
            assertThat(io.getThread()).isSameAs(testThread);
            assertThat(single.getThread()).isSameAs(testThread);
        });
    }

    @Test
    void aFlowProducedOnIoIsProbedOnVirtualTime() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            FlowProbe<Integer> ticks = scope.probe(HopsKt.ticksOnIo());
            assertThat(ticks.awaitItem()).isZero();
            assertThat(scope.currentTime()).isEqualTo(1_000);
            assertThat(ticks.awaitItem()).isEqualTo(1);
            assertThat(ticks.awaitItem()).isEqualTo(2);
            ticks.awaitComplete();
            assertThat(scope.currentTime()).isEqualTo(3_000);
        });
    }

    @Test
    void aTimeoutInsideIoCodeFiresOnVirtualTime() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            String read = scope.await(c -> HopsKt.impatientReadOnIo(c));
            assertThat(read).isNull();
            assertThat(scope.currentTime()).isEqualTo(500);
        });
    }

    @Test
    void aMockAnsweringCodeOnIoAnswersOnVirtualTime() {
        UserRepository repository = SuspendMocks.mock(UserRepository.class);
        SuspendMocks.whenever(repository, (r, c) -> r.find("g", c))
            .thenReturnAfter(Duration.ofSeconds(30), new User("g", "Garfield"));
        Greeter greeter = new Greeter(repository);
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            String greeting = scope.await(c -> HopsKt.greetOnIo(greeter, "g", c));
            assertThat(greeting).isEqualTo("Hello, Garfield");
            assertThat(scope.currentTime()).isEqualTo(30_000);
        });
    }

    @Test
    void withoutTheOptionIoStaysReal() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> scope.await(c -> HopsKt.readOnIo(1, c)));   // hooks installed
        Coroutines.runBlockingTest(TestOptions.defaults().withTimeout(Duration.ofSeconds(10)), scope -> {
            Trace read = scope.await(c -> HopsKt.readOnIo(20, c));
            assertThat(read.getThread().getName()).startsWith("DefaultDispatcher-worker");
            assertThat(scope.currentTime()).isZero();
        });
    }

    @Test
    void codeOutsideTheTestKeepsTheRealDispatchersWhileAVirtualTestRuns() throws Exception {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            CompletableFuture<Trace> outside = CompletableFuture.supplyAsync(
                () -> Coroutines.runBlocking(c -> HopsKt.readOnIo(20, c)));
            Trace read = outside.get(10, TimeUnit.SECONDS);
            assertThat(read.getThread().getName()).startsWith("DefaultDispatcher-worker");
            assertThat(scope.currentTime()).isZero();
        });
        Trace after = Coroutines.<Trace>future(Dispatchers.getIO(), c -> HopsKt.readOnIo(5, c)).get(10, TimeUnit.SECONDS);
        assertThat(after.getThread().getName()).startsWith("DefaultDispatcher-worker");
    }

    @Test
    void aDeadlockFailsLongBeforeTheDeadlineNamingEachWaitingCoroutine() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withVirtualDispatchers(true), scope -> scope.await(c -> HopsKt.deadlockOnIoAndDefault(c))));

        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        assertThat(thrown.getMessage())
            .startsWith("Coroutine test is deadlocked: every coroutine of the test is waiting for another of its "
                + "coroutines (a Mutex, a channel, a job or CompletableDeferred), and nothing is due on the virtual "
                + "clock (virtual time 0 ms).")
            .contains("\"left\" SUSPENDED, waiting for a CompletableDeferred", "\"right\" SUSPENDED, waiting for a CompletableDeferred")
            .contains("at dev.herder.virtual.HopsKt$deadlockOnIoAndDefault")
            .endsWith("or take the locks in one order.");
    }

    @Test
    void realThreadsStillWakeAVirtualTestWithinTheSecond() {
        Coroutines.runBlockingTest(VIRTUAL, scope -> {
            CompletableFuture<String> reply = new CompletableFuture<>();
            Thread replier = new Thread(() -> reply.complete("pong"));
            replier.start();
            assertThat(scope.await(Suspend.await(reply))).isEqualTo("pong");
            replier.join();
        });
    }

    @Test
    void combiningItWithARealDispatcherIsRefusedSayingWhichToDrop() {
        Throwable thrown = catchThrowable(() -> TestOptions.defaults().withDispatcher(DispatcherKind.IO)
            .withVirtualDispatchers(true));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(
            "Virtual dispatchers run the test's Dispatchers.IO and Dispatchers.Default work on the test's virtual "
                + "clock, and the test itself on DispatcherKind.IO runs on real time: the two cannot be combined. Drop "
                + "withVirtualDispatchers(true) to run on the real dispatcher, or drop withDispatcher(...) to run on "
                + "virtual time.");
        assertThat(catchThrowable(() -> TestOptions.defaults().withVirtualDispatchers(true)
            .withDispatcher(DispatcherKind.SINGLE_THREAD))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("DispatcherKind.SINGLE_THREAD");
        assertThat(TestOptions.defaults().withDispatcher(DispatcherKind.UNCONFINED_TEST).withVirtualDispatchers(true)
            .virtualDispatchers()).isTrue();
    }

    @Test
    void theUnconfinedTestDispatcherWorksWithItToo() {
        Coroutines.runBlockingTest(VIRTUAL.withDispatcher(DispatcherKind.UNCONFINED_TEST), scope -> {
            Trace read = scope.await(c -> HopsKt.readOnIo(2_000, c));
            assertThat(read.getValue()).isEqualTo(2_000);
            assertThat(scope.currentTime()).isEqualTo(2_000);
        });
    }

    @Test
    void afterAVirtualTestTimedOutNothingIsRoutedAnyMore() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withVirtualDispatchers(true).withTimeout(Duration.ofMillis(300)),
            scope -> scope.await(c -> HopsKt.readOnIo(1, c)) ));
        assertThat(thrown).isNull();
        Throwable timedOut = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withVirtualDispatchers(true).withTimeout(Duration.ofMillis(300)),
            scope -> scope.await(Suspend.await(never))));
        assertThat(timedOut).isInstanceOf(CoroutineTestTimeoutError.class).hasMessageContaining("timed out after 300 ms");

        Coroutines.runBlockingTest(TestOptions.defaults().withTimeout(Duration.ofSeconds(10)), scope -> {
            Trace read = scope.await(c -> HopsKt.readOnIo(5, c));
            assertThat(read.getThread().getName()).startsWith("DefaultDispatcher-worker");
        });
        Trace outside = Coroutines.<Trace>future(Dispatchers.getIO(), c -> HopsKt.readOnIo(5, c)).get(10, TimeUnit.SECONDS);
        assertThat(outside.getThread().getName()).startsWith("DefaultDispatcher-worker");
    }
}
