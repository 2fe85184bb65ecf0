package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CancellationException;
import kotlinx.coroutines.CoroutineScopeKt;
import kotlinx.coroutines.ExceptionsKt;
import org.junit.jupiter.api.Test;

/** A test that cancels its own scope fails, as runTest fails it (kotlinx-coroutines-test's RunTestTest, ported). */
class ScopeCancellationTest {

    @Test
    void cancellingTheTestsScopeWithACancellationThatHasACauseFailsTheTestWithThatCancellation() {
        IllegalStateException testException = new IllegalStateException("TestException");
        CancellationException ohNo = ExceptionsKt.CancellationException("Oh no", testException);
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> CoroutineScopeKt.cancel(scope.coroutineScope(), ohNo)));
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageStartingWith("The test's scope was cancelled (Oh no)");
        assertThat(thrown.getCause()).isSameAs(ohNo);
        assertThat(thrown.getCause().getCause()).isSameAs(testException);
    }

    @Test
    void aCoroutineThatFailsCancelsTheScopeButFailsTheTestWithItsOwnFailure() {
        IllegalStateException failure = new IllegalStateException("failed");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> scope.launch(Suspend.failure(failure))));
        assertThat(thrown).isSameAs(failure);
    }
}
