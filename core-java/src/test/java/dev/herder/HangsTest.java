package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every kind of hang ends at the test's deadline with a message that says where it hung: the coroutine, the thread it
 * is on and its stack, and where the test thread was. JUnit's own timeout (on a separate thread) is only the guard
 * that keeps a regression from hanging the build.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HangsTest {
    private static final TestOptions ONE_SECOND = TestOptions.defaults().withTimeout(Duration.ofSeconds(1));

    static Throwable timeOut(TestBody body) {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(ONE_SECOND, body));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class)
            .hasMessageStartingWith("Coroutine test timed out after 1 s of wall-clock time");
        assertThat(Thread.currentThread().isInterrupted()).as("the deadline's interrupt never outlives the test").isFalse();
        return thrown;
    }

    @Test
    void aBodyBlockedInThreadSleepIsInterruptedAtTheDeadlineAndTheMessageShowsWhere() {
        Throwable thrown = timeOut(scope -> Thread.sleep(Long.MAX_VALUE));
        assertThat(thrown.getMessage())
            .contains("The test thread \"" + Thread.currentThread().getName() + "\" was busy or blocked at:\n"
                + "        at java.lang.Thread.sleep")
            .contains("at dev.herder.HangsTest.lambda$aBodyBlockedInThreadSleepIsInterruptedAtTheDeadlineAndTheMessageShowsWhere$");
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
    }

    @Test
    void aBodyBlockedOnAFutureThatNeverCompletesIsInterruptedAtTheDeadline() {
        Throwable thrown = timeOut(scope -> new CompletableFuture<>().get());
        assertThat(thrown.getMessage()).contains("was busy or blocked at:", "CompletableFuture");
    }

    @Test
    void aBodyWaitingForALockIsInterruptedAtTheDeadline() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Thread holder = new Thread(lock::lock);
        holder.start();
        holder.join();
        Throwable thrown = timeOut(scope -> lock.lockInterruptibly());
        assertThat(thrown.getMessage()).contains("was busy or blocked at:", "ReentrantLock");
    }

    @Test
    void aBusyLoopThatChecksForInterruptionIsStopped() {
        Throwable thrown = timeOut(scope -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            throw new InterruptedException("stopped spinning");
        });
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
    }

    @Test
    void aCoroutineBlockingTheTestThreadIsNamedWithItsFrames() {
        Throwable thrown = timeOut(scope -> Calls.launchNamed(scope.coroutineScope(), "sleeper",
            c -> FaultsKt.sleepInPlace(Long.MAX_VALUE, c)));
        assertThat(thrown.getMessage())
            .contains("  - \"sleeper\" RUNNING on thread \"" + Thread.currentThread().getName() + "\"")
            .contains("        at dev.herder.FaultsKt.sleepInPlace(Faults.kt:");
    }

    @Test
    void aCoroutineBlockedOnIoIsNamedWithItsThreadAndThatThreadsStack() {
        Throwable thrown = timeOut(scope -> scope.await(c -> FaultsKt.sleepOnIo(60_000, c)));
        assertThat(thrown.getMessage())
            // the withContext coroutine inside the await, named so (kotlinx's debug mode, under -ea, numbers it)
            .containsPattern("  - \"(await#\\d+ \\(DispatchedCoroutine\\)|DispatchedCoroutine@\\w+ in await)\" "
                + "RUNNING on thread \"DefaultDispatcher-worker-\\d+.*\"\n"
                + "        at java.lang.Thread.sleep")
            .contains("at dev.herder.FaultsKt$sleepOnIo$2.invokeSuspend(Faults.kt:")
            .contains("The test thread \"" + Thread.currentThread().getName() + "\" was waiting in scope.await(...), called at:\n"
                + "        at dev.herder.HangsTest.lambda$aCoroutineBlockedOnIoIsNamedWithItsThreadAndThatThreadsStack$");
    }

    @Test
    void aRawCallThatNeverResumesNamesTheAwaitThatWaitsForIt() {
        Throwable thrown = timeOut(scope -> scope.await(c -> FaultsKt.neverResumes(c)));
        assertThat(thrown.getMessage())
            .contains("The test thread \"" + Thread.currentThread().getName() + "\" was waiting in scope.await(...), called at:\n"
                + "        at dev.herder.HangsTest.lambda$aRawCallThatNeverResumesNamesTheAwaitThatWaitsForIt$");
    }

    @Test
    void aCompletionStageThatNeverCompletesNamesTheAwaitThatWaitsForIt() {
        Throwable thrown = timeOut(scope -> scope.await(new CompletableFuture<>()));
        assertThat(thrown.getMessage())
            .doesNotContain("No coroutine of the test is still running: the test body itself was busy or blocked")
            .contains("was waiting in scope.await(...), called at:\n"
                + "        at dev.herder.HangsTest.lambda$aCompletionStageThatNeverCompletesNamesTheAwaitThatWaitsForIt$");
    }

    @Test
    void aCoroutineLeftBehindAfterTheBodyReturnedSaysTheBodyHadReturned() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Throwable thrown = timeOut(scope -> Calls.launchNamed(scope.coroutineScope(), "left-behind", Calls.awaitFuture(never)));
        assertThat(thrown.getMessage()).contains("\"left-behind\" SUSPENDED",
            "The test body had returned; the test thread \"" + Thread.currentThread().getName()
                + "\" was waiting for the test's coroutines to complete.");
    }

    @Test
    void aFinallyBlockThatThrowsWhenTheTimedOutTestIsCancelledIsAttachedToTheTimeout() {
        IllegalStateException fromFinally = new IllegalStateException("thrown in finally");
        Throwable thrown = timeOut(scope -> {
            scope.launch(c -> FaultsKt.throwWhenCancelled(fromFinally, null, c));
            scope.await(new CompletableFuture<>());
        });
        assertThat(thrown.getSuppressed()).contains(fromFinally);
    }

    @Test
    void aFinallyBlockThatThrowsWhenTheDeadlineCancelsTheLaunchedCoroutineTheBodyAwaitsIsAttachedExactlyOnce() {
        IllegalStateException cleanup = new IllegalStateException("cleanup");
        Throwable thrown = timeOut(scope -> scope.await(scope.launch(c -> FaultsKt.throwWhenCancelled(cleanup, null, c))));
        assertThat(thrown.getSuppressed()).containsExactly(cleanup);
    }

    @Test
    void aFinallyBlockThatThrowsWhenTheDeadlineCancelsTheAwaitedCallIsAttachedExactlyOnce() {
        IllegalStateException cleanup = new IllegalStateException("cleanup");
        Throwable thrown = timeOut(scope -> scope.await(c -> FaultsKt.throwWhenCancelled(cleanup, null, c)));
        assertThat(thrown.getSuppressed()).containsExactly(cleanup);
    }

    @Test
    void aFinallyBlockThatThrowsWhenTheWatchdogCancelsABlockedTestIsAttachedToTheTimeout() {
        IllegalStateException fromFinally = new IllegalStateException("thrown in finally");
        Throwable thrown = timeOut(scope -> {
            scope.launch(c -> FaultsKt.throwWhenCancelled(fromFinally, null, c));
            scope.runCurrent();
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(allSuppressed(thrown)).contains(fromFinally);
    }

    @Test
    void aCallBusyInAPlainFunctionOnTheTestThreadIsNamedInTheDumpAsInKotlinxsDumpOnTimeoutTest() {
        Throwable thrown = timeOut(scope -> scope.await(c -> FaultsKt.busyInAPlainFunction(c)));
        assertThat(thrown.getMessage()).contains("was busy or blocked at:", "at dev.herder.FaultsKt.uniquelyNamedFunction(Faults.kt:");
    }

    @Test
    void aLaunchedCoroutineBusyInAPlainFunctionIsNamedWithItsFrames() {
        Throwable thrown = timeOut(scope -> {
            Calls.launchNamed(scope.coroutineScope(), "busy", c -> FaultsKt.busyInAPlainFunction(c));
            scope.runCurrent();
        });
        assertThat(thrown.getMessage()).contains("  - \"busy\" RUNNING on thread", "at dev.herder.FaultsKt.uniquelyNamedFunction(Faults.kt:");
    }

    @Test
    void aBodyThatFailsWhileANonCancellableChildOutlivesTheTimeoutFailsWithTheTimeoutAndTheBodysFailureSuppressed() {
        IllegalStateException bodyFailure = new IllegalStateException("A");
        Throwable thrown = timeOut(scope -> {
            scope.launch(c -> kotlinx.coroutines.BuildersKt.withContext(
                kotlinx.coroutines.NonCancellable.INSTANCE.plus(kotlinx.coroutines.Dispatchers.getIO()),
                (s, inner) -> {
                    Calls.sleep(5_000);
                    return null;
                }, c));
            scope.runCurrent();
            throw bodyFailure;
        });
        assertThat(allSuppressed(thrown)).contains(bodyFailure);
    }

    @Test
    void aBodyThatFailsWhileANonCancellableChildOutlivesAShortTimeoutFailsAtTheDeadlineWithTheBodysFailureSuppressedAsRunTestDoes() {
        // kotlinx-coroutines-test's RunTestTest.testFailureWithPendingCoroutine: 10 ms, a child on the Default
        // dispatcher not cancellable for longer than the watchdog's grace would wait, and a body that fails
        IllegalStateException bodyFailure = new IllegalStateException("A");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(TestOptions.defaults().withTimeout(Duration.ofMillis(10)), scope -> {
            scope.launch(c -> kotlinx.coroutines.BuildersKt.withContext(
                kotlinx.coroutines.NonCancellable.INSTANCE.plus(kotlinx.coroutines.Dispatchers.getDefault()),
                (s, inner) -> kotlinx.coroutines.DelayKt.delay(1_000, inner), c));   // far past the 10 ms deadline
            scope.runCurrent();
            throw bodyFailure;
        }));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class)
            .hasMessageStartingWith("Coroutine test timed out after 10 ms of wall-clock time");
        assertThat(thrown.getSuppressed()).containsExactly(bodyFailure);
    }

    private static java.util.List<Throwable> allSuppressed(Throwable t) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable s : t.getSuppressed()) {
            out.add(s);
            out.addAll(allSuppressed(s));
        }
        return out;
    }
}
