package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import java.util.concurrent.CompletableFuture;
import kotlinx.coroutines.DelayKt;
import kotlinx.coroutines.future.FutureKt;

/** Fixture run by {@link CoroutineTestTests} through the TestKit. Line numbers are asserted: add lines at the end. */
class CoroutineTestTestCase {

    @CoroutineTest
    void delaysOnVirtualTime(CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(5_000, c));
        assertThat(scope.currentTime()).isEqualTo(5_000);
    }

    @CoroutineTest
    void neverAwaits(CoroutineTestScope scope) {
        scope.future(c -> DelayKt.delay(10, c));
    }

    @CoroutineTest(failOnNeverAwaited = false)
    void neverAwaitsOnPurpose(CoroutineTestScope scope) {
        scope.future(c -> DelayKt.delay(10, c));
    }

    @CoroutineTest(timeout = "300 ms")
    void hangs(CoroutineTestScope scope) {
        CompletableFuture<String> never = new CompletableFuture<>();
        scope.await(c -> FutureKt.await(never, c));
    }

    @CoroutineTest(timeout = "soon")
    void badTimeout(CoroutineTestScope scope) {
    }

    @CoroutineTest(dispatcher = DispatcherKind.IO)
    void runsOnIo(CoroutineTestScope scope) {
        String thread = scope.await(c -> Thread.currentThread().getName());
        assertThat(thread).startsWith("DefaultDispatcher-worker-");
    }

    @CoroutineTest
    void withoutAScope() {
        assertThat(1 + 1).isEqualTo(2);
    }
}
