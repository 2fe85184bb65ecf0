package dev.herder;

import static dev.herder.Calls.currentThreadName;
import static dev.herder.Calls.delay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.ExecutorsKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

class DispatchersTest {
    private static TestOptions on(DispatcherKind kind) {
        return TestOptions.defaults().withDispatcher(kind);
    }

    @Test
    void testDispatchersRunCallsOnTheTestThread() {
        Thread testThread = Thread.currentThread();
        for (DispatcherKind kind : new DispatcherKind[] {DispatcherKind.STANDARD_TEST, DispatcherKind.UNCONFINED_TEST, DispatcherKind.UNCONFINED}) {
            Coroutines.runBlockingTest(on(kind), scope -> {
                Thread callThread = scope.await(c -> Thread.currentThread());
                assertThat(callThread).isSameAs(testThread);
            });
        }
    }

    @Test
    void defaultAndIoRunCallsOnTheirWorkerThreads() {
        for (DispatcherKind kind : new DispatcherKind[] {DispatcherKind.DEFAULT, DispatcherKind.IO}) {
            Coroutines.runBlockingTest(on(kind), scope -> {
                assertThat(scope.await(currentThreadName())).startsWith("DefaultDispatcher-worker-");
                assertThat(scope.dispatcher()).isSameAs(kind == DispatcherKind.IO ? Dispatchers.getIO() : Dispatchers.getDefault());
            });
        }
    }

    @Test
    void realDispatchersUseRealDelaysAndLeaveVirtualTimeAlone() {
        Coroutines.runBlockingTest(on(DispatcherKind.DEFAULT), scope -> {
            long before = System.nanoTime();
            scope.await(delay(50));
            assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(50_000_000L);
            assertThat(scope.currentTime()).isZero();
        });
    }

    @Test
    void singleThreadRunsEveryCallOnOneLoopThreadThatEndsWithTheTest() {
        AtomicReference<Thread> loop = new AtomicReference<>();
        Coroutines.runBlockingTest(on(DispatcherKind.SINGLE_THREAD), scope -> {
            Thread first = scope.await(c -> Thread.currentThread());
            scope.await(delay(5));
            Thread second = scope.await(c -> Thread.currentThread());
            assertThat(first).isSameAs(second);
            assertThat(first.getName()).startsWith("herder-loop-");
            loop.set(first);
        });
        assertThat(loop.get().isAlive()).isFalse();
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "checks the message on JDKs without virtual threads")
    void virtualThreadsFailWithAClearMessageBeforeJdk21() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(on(DispatcherKind.VIRTUAL_THREADS), scope -> { }));
        assertThat(thrown).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("DispatcherKind.VIRTUAL_THREADS needs JDK 21 or newer, but this test runs on JDK ")
            .hasMessageEndingWith("Run the tests on JDK 21+ or choose another DispatcherKind.");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads exist from JDK 21")
    void virtualThreadsRunCallsOnVirtualThreads() {
        Coroutines.runBlockingTest(on(DispatcherKind.VIRTUAL_THREADS), scope -> {
            Thread thread = scope.await(c -> Thread.currentThread());
            assertThat((Boolean) Thread.class.getMethod("isVirtual").invoke(thread)).isTrue();
            assertThat(thread.getName()).startsWith("herder-virtual-");
        });
    }

    @Test
    void anyDispatcherIsAccepted() {
        var executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-own-dispatcher"));
        try {
            var mine = ExecutorsKt.from(executor);
            Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(mine), scope -> {
                assertThat(scope.await(currentThreadName())).startsWith("my-own-dispatcher");
                assertThat(scope.dispatcher()).isSameAs(mine);
            });
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void mainIsTheTestDispatcherDuringATestAndResetAfterwards() {
        Coroutines.runBlockingTest(scope -> {
            String thread = scope.await(c -> BuildersKt.withContext(Dispatchers.getMain(),
                (s, inner) -> Thread.currentThread().getName(), c));
            assertThat(thread).startsWith(Thread.currentThread().getName());
            scope.await(c -> BuildersKt.withContext(Dispatchers.getMain(), (s, inner) -> kotlinx.coroutines.DelayKt.delay(2000, inner), c));
            assertThat(scope.currentTime()).as("Main runs on the virtual clock").isEqualTo(2000);
        });
        Throwable afterwards = catchThrowable(() -> Dispatchers.getMain().isDispatchNeeded(kotlin.coroutines.EmptyCoroutineContext.INSTANCE));
        assertThat(afterwards).isInstanceOf(IllegalStateException.class).hasMessageContaining("Main");
    }

    @Test
    void coroutinesStartedInTheScopeRunOnTheChosenDispatcher() {
        Coroutines.runBlockingTest(on(DispatcherKind.IO), scope -> {
            AtomicReference<String> thread = new AtomicReference<>();
            var job = Calls.launchNamed(scope.coroutineScope(), "worker", c -> {
                thread.set(Thread.currentThread().getName());
                return kotlin.Unit.INSTANCE;
            });
            scope.await(c -> job.join(c));
            assertThat(thread.get()).startsWith("DefaultDispatcher-worker-");
        });
    }

    @Test
    void everyKindRunsTheCatHerdingShape() {
        for (DispatcherKind kind : DispatcherKind.values()) {
            if (!kind.isAvailable()) {
                continue;
            }
            Coroutines.runBlockingTest(on(kind), scope -> {
                var a = scope.future(Calls.delayThen(20, "a"));
                var b = scope.future(Calls.delayThen(10, "b"));
                assertThat(scope.await(a) + scope.await(b)).isEqualTo("ab");
            });
        }
    }
}
