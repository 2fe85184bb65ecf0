package dev.herder;

import static dev.herder.Calls.delay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import org.junit.jupiter.api.Test;

class FailuresTest {
    private static <T> SuspendCall<T> failAfter(long millis, Throwable failure) {
        return c -> {
            Object r = delay(millis).invoke(new kotlin.coroutines.Continuation<kotlin.Unit>() {
                @Override public kotlin.coroutines.CoroutineContext getContext() { return c.getContext(); }
                @Override public void resumeWith(Object result) {
                    c.resumeWith(kotlin.ResultKt.createFailure(failure));
                }
            });
            if (r != IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
                throw failure;
            }
            return r;
        };
    }

    @Test
    void awaitRethrowsTheSameCheckedExceptionThrownAtOnce() {
        IOException down = new IOException("down");
        Coroutines.runBlockingTest(scope -> {
            Throwable thrown = catchThrowable(() -> scope.await(c -> { throw down; }));
            assertThat(thrown).isSameAs(down);
        });
    }

    @Test
    void awaitRethrowsTheSameCheckedExceptionAfterSuspending() {
        IOException down = new IOException("down");
        Coroutines.runBlockingTest(scope -> {
            Throwable thrown = catchThrowable(() -> scope.await(failAfter(100, down)));
            assertThat(thrown).isSameAs(down);
            assertThat(scope.currentTime()).isEqualTo(100);
        });
    }

    @Test
    void awaitOfAFailedFutureRethrowsTheCauseUnwrapped() {
        IOException down = new IOException("down");
        Coroutines.runBlockingTest(scope -> {
            var future = scope.<String>future(failAfter(10, down));
            assertThat(catchThrowable(() -> scope.await(future))).isSameAs(down);
        });
    }

    @Test
    void theBodysOwnExceptionFailsTheTestUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            throw boom;
        }))).isSameAs(boom);
    }

    @Test
    void aFailingLaunchFailsTheTestWithItsException() {
        IOException down = new IOException("down");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> scope.launch(failAfter(50, down))));
        assertThat(thrown).isSameAs(down);
    }

    @Test
    void aFailedFutureTheTestNeverLookedAtFailsTheTest() {
        IOException down = new IOException("down");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> scope.future(failAfter(50, down))));
        assertThat(thrown).isSameAs(down);
    }

    @Test
    void aFailedFutureTheTestObservedDoesNotFailTheTest() {
        Coroutines.runBlockingTest(scope -> {
            var joined = scope.future(failAfter(50, new IOException("joined")));
            var checked = scope.future(failAfter(60, new IOException("checked")));
            var handled = scope.future(failAfter(70, new IOException("handled")))
                .handle((value, failure) -> failure.getMessage());
            assertThatThrownBy(joined::join).hasCauseInstanceOf(IOException.class);
            scope.advanceUntilIdle();
            assertThat(checked.isCompletedExceptionally()).isTrue();
            assertThat(handled.join()).isEqualTo("handled");
        });
    }

    @Test
    void aCaughtAwaitFailureDoesNotFailTheTest() {
        Coroutines.runBlockingTest(scope -> {
            try {
                scope.await(failAfter(10, new IOException("caught")));
            } catch (Exception expected) {
                // the test handled it
            }
            scope.await(delay(10));
            assertThat(scope.currentTime()).isEqualTo(20);
        });
    }

    static final class StopRequested extends java.util.concurrent.CancellationException {
        StopRequested(String message) {
            super(message);
        }
    }

    @Test
    void aCancellationExceptionOfTheCodesOwnArrivesThroughAFutureAsTheSameObject() {
        StopRequested stop = new StopRequested("the user stopped it");
        Coroutines.runBlockingTest(scope -> {
            java.util.concurrent.CompletableFuture<Object> future = scope.future(c -> {
                throw stop;
            });
            org.assertj.core.api.Assertions.assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> scope.await(future)))
                .isSameAs(stop);
            org.assertj.core.api.Assertions.assertThat(future.isCancelled()).isTrue();
        });
    }

    @Test
    void aFutureCancelledByTheTestIsPlainlyCancelled() {
        Coroutines.runBlockingTest(scope -> {
            java.util.concurrent.CompletableFuture<kotlin.Unit> future = scope.future(Calls.delay(1_000));
            org.assertj.core.api.Assertions.assertThat(future.cancel(true)).isTrue();
            org.assertj.core.api.Assertions.assertThat(future.isCancelled()).isTrue();
            scope.advanceUntilIdle();
        });
    }
}
