package dev.herder;

import static dev.herder.Calls.delayThen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The talk's first problem: a coroutine that is never awaited makes a broken test pass. */
class NeverAwaitedTest {
    private static final TestOptions CHECKED = TestOptions.defaults().withFailOnNeverAwaited(true);

    @Test
    void aFutureNeverLookedAtFailsTheTestNamingTheLineThatStartedIt() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(CHECKED, scope -> {
            scope.future(delayThen(10, "moved"));   // the broken test: nobody awaits it
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("A coroutine started with scope.future(...) at dev.herder.NeverAwaitedTest."
                + "lambda$aFutureNeverLookedAtFailsTheTestNamingTheLineThatStartedIt$")   // javac numbers lambdas per JDK
            .hasMessageContaining("(NeverAwaitedTest.java:17) was never awaited: the test never looked at its result.\n")
            .hasMessageEndingWith("turn the check off with @CoroutineTest(failOnNeverAwaited = false) / "
                + "TestOptions.withFailOnNeverAwaited(false).");
    }

    @Test
    void aNeverAwaitedFailureIsAttachedAsTheCause() {
        IOException down = new IOException("down");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(CHECKED, scope -> {
            scope.future(c -> { throw down; });
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class).hasCause(down);
    }

    @Test
    void awaitedJoinedAndCancelledFuturesPass() {
        Coroutines.runBlockingTest(CHECKED, scope -> {
            var awaited = scope.future(delayThen(10, 1));
            var joined = scope.future(delayThen(10, 2));
            var cancelled = scope.future(delayThen(10, 3));
            scope.await(awaited);
            joined.join();
            cancelled.cancel(true);
        });
    }

    @Test
    void aFutureCancelledAfterItFailedCountsAsLookedAt() {
        Coroutines.runBlockingTest(CHECKED, scope -> {
            var failed = scope.future(c -> { throw new java.io.IOException("down"); });
            scope.advanceUntilIdle();
            assertThat(failed.cancel(true)).isFalse();   // already done: the cancel is a look, not a change
        });
    }

    @Test
    void withoutTheCheckASuccessfulFutureNobodyAwaitedPasses() {
        Coroutines.runBlockingTest(scope -> {
            scope.future(delayThen(10, "ignored"));
        });
    }
}
