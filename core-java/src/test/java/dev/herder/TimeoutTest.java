package dev.herder;

import static dev.herder.Calls.awaitFuture;
import static dev.herder.Calls.delay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated("sets the herder.test.timeout system property")
class TimeoutTest {
    private static final TestOptions HALF_SECOND = TestOptions.defaults().withTimeout(Duration.ofMillis(500));

    @Test
    void aTimeoutNamesEachStuckCoroutineAndWhereItIsSuspended() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> {
            var silence = kotlinx.coroutines.flow.SharedFlowKt.<String>MutableSharedFlow(0, 0, kotlinx.coroutines.channels.BufferOverflow.SUSPEND);
            Calls.launchNamed(scope.coroutineScope(), "stuck-cat", c -> silence.collect((value, inner) -> kotlin.Unit.INSTANCE, c));
            scope.await(awaitFuture(never));
        }));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        assertThat(thrown.getMessage())
            .startsWith("Coroutine test timed out after 500 ms of wall-clock time (virtual time was 0 ms).\n"
                + "Coroutines still running (2):")
            .contains("\"stuck-cat\" SUSPENDED", "\"await\" SUSPENDED")
            .endsWith("If the test needs longer, raise the limit with TestOptions.withTimeout(...) or "
                + "-Dherder.test.timeout=\"2 m\"; if a coroutine waits for something that never comes, "
                + "complete or cancel it (or start it in scope.backgroundScope()).");
    }

    @Test
    void withoutProbesTheMessageStillShowsWhereCancellableSuspensionsWait() {
        kotlinx.coroutines.CompletableDeferred<String> parcel = kotlinx.coroutines.CompletableDeferredKt.CompletableDeferred(null);
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> {
            Calls.launchNamed(scope.coroutineScope(), "courier", c -> WaitingKt.waitForDelivery(parcel, c));
            scope.await(c -> WaitingKt.waitForDelivery(parcel, c));
        }));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        assertThat(thrown.getMessage())
            .contains("  - \"await\" SUSPENDED\n        at dev.herder.WaitingKt.waitForDelivery(Waiting.kt:9)")
            .contains("  - \"courier\" SUSPENDED\n        at dev.herder.WaitingKt.waitForDelivery(Waiting.kt:9)")
            .doesNotContain("debugProbes=true");
    }

    @Test
    void debugProbesWithoutKotlinxCoroutinesDebugOnTheClasspathFailNamingTheDependencyToAdd() {
        assertThat(TimeoutTest.class.getClassLoader().getResource("kotlinx/coroutines/debug/DebugProbes.class"))
            .as("herder-core's tests run without the optional kotlinx-coroutines-debug").isNull();
        System.setProperty("herder.debugProbes", "true");
        try {
            java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
            Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> ran.set(true)));
            assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class).hasMessage(
                "-Dherder.debugProbes=true needs kotlinx-coroutines-debug on the test classpath, and it is not there. "
                    + "Add org.jetbrains.kotlinx:kotlinx-coroutines-debug (test scope, the version of your "
                    + "kotlinx-coroutines), or drop -Dherder.debugProbes=true: timeouts then show the suspension "
                    + "points Herder finds itself.");
            assertThat(ran).isFalse();
        } finally {
            System.clearProperty("herder.debugProbes");
        }
        Coroutines.runBlockingTest(scope -> scope.await(delay(10)));   // and without the flag all is well
    }

    @Test
    void aTimeoutTooLongForTheClockMeansNoPracticalLimit() {
        for (Duration huge : new Duration[] {Duration.ofDays(365_000), Duration.ofSeconds(Long.MAX_VALUE)}) {
            Coroutines.runBlockingTest(TestOptions.defaults().withTimeout(huge), scope -> {
                scope.await(delay(3_600_000));
                assertThat(scope.currentTime()).isEqualTo(3_600_000);
            });
        }
    }

    @Test
    void aCoroutineStuckAfterTheBodyReturnedTimesOutToo() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> {
            Calls.launchNamed(scope.coroutineScope(), "left-behind", awaitFuture(never));
        }));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class).hasMessageContaining("\"left-behind\" SUSPENDED");
    }

    @Test
    void anEndlessVirtualTimeLoopTimesOutInsteadOfHanging() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> tickForever(scope)));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class).hasMessageContaining("\"ticker\"");
    }

    @Test
    void anEndlessLoopInsideAdvanceUntilIdleIsStoppedByTheWatchdog() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> {
            tickForever(scope);
            scope.advanceUntilIdle();   // kotlinx's own loop: Herder's watchdog cancels the test after the deadline
        }));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class)
            .hasMessageStartingWith("Coroutine test timed out after 500 ms of wall-clock time")
            .hasMessageContaining("\"ticker\"");
    }

    @Test
    void aScopeOnTheTestDispatcherTheTestNeverClosedEndsInATimeoutNotAHang() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> {
            var leaked = kotlinx.coroutines.CoroutineScopeKt.CoroutineScope(
                scope.dispatcher().plus(kotlinx.coroutines.SupervisorKt.SupervisorJob(null)));
            Calls.launchNamed(leaked, "leaked ticker", c -> WaitingKt.tickForever(100, c));
        }));   // without the watchdog, runTest's clean-up would turn this ticker over forever
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class)
            .hasMessageStartingWith("Coroutine test timed out after 500 ms of wall-clock time");
    }

    @Test
    void aTestTheWatchdogStoppedLeavesUncaughtExceptionsOutsideTestsToTheirHandlers() throws Exception {
        Throwable stopped = catchThrowable(() -> Coroutines.runBlockingTest(HALF_SECOND, scope -> {
            var leaked = kotlinx.coroutines.CoroutineScopeKt.CoroutineScope(
                scope.dispatcher().plus(kotlinx.coroutines.SupervisorKt.SupervisorJob(null)));
            Calls.launchNamed(leaked, "leaked ticker", c -> WaitingKt.tickForever(100, c));
        }));   // stopped by the watchdog inside runTest's own clean-up, before runTest could leave its collector
        assertThat(stopped).isInstanceOf(CoroutineTestTimeoutError.class);

        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        java.util.concurrent.BlockingQueue<Throwable> uncaught = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try {
            IllegalStateException outside = new IllegalStateException("thrown outside any test");
            Calls.launchNamed(kotlinx.coroutines.GlobalScope.INSTANCE, "outside", c -> {
                throw outside;
            });
            assertThat(uncaught.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(outside);
            // and, as with runTest, kotlinx keeps it for the next test, which fails with it: nothing is lost
            assertThat(catchThrowable(() -> Coroutines.runBlockingTest(scope -> { })))
                .isInstanceOf(kotlinx.coroutines.test.UncaughtExceptionsBeforeTest.class)
                .satisfies(e -> assertThat(e.getSuppressed()).contains(outside));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /** A coroutine that waits 1 ms of virtual time and starts its successor, forever. */
    private static void tickForever(CoroutineTestScope scope) {
        Calls.launchNamed(scope.coroutineScope(), "ticker",
            c -> delay(1).invoke(new RecordingContinuation<>(c, () -> tickForever(scope))));
    }

    @Test
    void theDefaultTimeoutComesFromTheSystemProperty() {
        String previous = System.getProperty(TestOptions.TIMEOUT_PROPERTY);
        System.setProperty(TestOptions.TIMEOUT_PROPERTY, "300 ms");
        try {
            assertThat(TestOptions.defaults().timeout()).isEqualTo(Duration.ofMillis(300));
            CompletableFuture<String> never = new CompletableFuture<>();
            Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> scope.await(awaitFuture(never))));
            assertThat(thrown).hasMessageStartingWith("Coroutine test timed out after 300 ms of wall-clock time");
        } finally {
            if (previous == null) {
                System.clearProperty(TestOptions.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(TestOptions.TIMEOUT_PROPERTY, previous);
            }
        }
    }

    @Test
    void anInvalidTimeoutPropertyIsRejectedWithTheFormatToUse() {
        String previous = System.getProperty(TestOptions.TIMEOUT_PROPERTY);
        System.setProperty(TestOptions.TIMEOUT_PROPERTY, "soon");
        try {
            assertThat(catchThrowable(TestOptions::defaults))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("-Dherder.test.timeout has the invalid duration 'soon': write a positive number and a unit");
        } finally {
            if (previous == null) {
                System.clearProperty(TestOptions.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(TestOptions.TIMEOUT_PROPERTY, previous);
            }
        }
    }
}
