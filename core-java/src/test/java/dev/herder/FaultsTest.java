package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Failures reach the test as the very objects the code threw, and none is lost, on every path. */
class FaultsTest {

    @Test
    void kotlinxDebugModeIsOnInTheseTestsAsUnderSurefiresDefaultEa() {
        assertThat(kotlinx.coroutines.CoroutineId.class.desiredAssertionStatus())
            .as("stack-trace recovery, which makes copies of exceptions, is on").isTrue();
    }

    @Test
    void aFailureThatCrossesADispatcherReachesAwaitAsTheSameObjectNotARecoveredCopy() {
        IllegalStateException boom = new IllegalStateException("boom");
        Coroutines.runBlockingTest(scope -> {
            for (int i = 0; i < 20; i++) {
                Throwable thrown = catchThrowable(() -> scope.await(c -> FaultsKt.failOnIo(boom, 5, c)));
                assertThat(thrown).isSameAs(boom);
                CompletableFuture<Object> future = scope.future(c -> FaultsKt.failOnIo(boom, 5, c));
                assertThat(catchThrowable(() -> scope.await(future))).isSameAs(boom);
            }
        });
    }

    @Test
    void aFailureThatCrossesADispatcherInALaunchedCoroutineFailsTheTestAsTheSameObject() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            scope.launch(c -> FaultsKt.failOnIo(boom, 5, c));
        }));
        assertThat(thrown).isSameAs(boom);
    }

    @Test
    void outsideATestAFailureThatCrossesADispatcherIsTheSameObjectToo() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(catchThrowable(() -> Coroutines.runBlocking(c -> FaultsKt.failOnIo(boom, 5, c)))).isSameAs(boom);
        assertThat(catchThrowable(() -> Coroutines.future(kotlinx.coroutines.Dispatchers.getDefault(), c -> FaultsKt.failOnIo(boom, 5, c)).join()))
            .hasCauseReference(boom);
    }

    @Test
    void aFutureCancelledWhileItsFinallyBlockThrowsFailsTheTestWithThatException() {
        IllegalStateException fromFinally = new IllegalStateException("thrown in finally");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            CompletableFuture<Object> future = scope.future(c -> FaultsKt.throwWhenCancelled(fromFinally, null, c));
            scope.runCurrent();
            future.cancel(true);
        }));
        assertThat(thrown).isSameAs(fromFinally);
    }
}
