package dev.herder;

import static dev.herder.Calls.delay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MisuseTest {

    @Test
    void aScopeUsedAfterItsTestEndedSaysSo() {
        AtomicReference<CoroutineTestScope> leaked = new AtomicReference<>();
        Coroutines.runBlockingTest(leaked::set);
        assertThat(catchThrowable(() -> leaked.get().await(delay(1))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("CoroutineTestScope.await was called after its test ended. A scope is valid only inside the "
                + "body of the runBlockingTest that made it; do the work inside the test body, or start it with "
                + "Coroutines.future(...) outside a test.");
    }

    @Test
    void theScopesCoroutineScopeAndScheduledExecutorLeakedOutOfTheTestRefuseNewWork() {
        AtomicReference<kotlinx.coroutines.CoroutineScope> leakedScope = new AtomicReference<>();
        AtomicReference<java.util.concurrent.ScheduledExecutorService> leakedExecutor = new AtomicReference<>();
        Coroutines.runBlockingTest(scope -> {
            leakedScope.set(scope.coroutineScope());
            leakedExecutor.set(scope.scheduledExecutor());
        });
        assertThat(catchThrowable(() -> Calls.launchNamed(leakedScope.get(), "late", delay(1))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("CoroutineTestScope.coroutineScope() was called after its test ended. A scope is valid only "
                + "inside the body of the runBlockingTest that made it; do the work inside the test body, or start it "
                + "with Coroutines.future(...) outside a test.");
        assertThat(catchThrowable(() -> leakedExecutor.get().schedule(() -> { }, 1, java.util.concurrent.TimeUnit.SECONDS)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("CoroutineTestScope.scheduledExecutor()'s schedule/execute was called after its test ended.");
    }

    @Test
    void aCallThatReturnsAValueAndAlsoResumesIsReportedAsAlreadyResumed() {
        Coroutines.runBlockingTest(scope -> {
            AtomicReference<kotlin.coroutines.Continuation<? super String>> kept = new AtomicReference<>();
            String value = scope.await(c -> {
                kept.set(c);
                return "now";
            });
            assertThat(value).isEqualTo("now");
            assertThat(catchThrowable(() -> kept.get().resumeWith("later"))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Already resumed: the suspend call ")
                .hasMessageContaining(" resumed its continuation after it returned a value.");
        });
    }

    @Test
    void aLaunchedCallThatResumesTwiceIsReportedAsAlreadyResumedNamingTheCall() {
        Coroutines.runBlockingTest(scope -> {
            AtomicReference<kotlin.coroutines.Continuation<? super Object>> kept = new AtomicReference<>();
            SuspendCall<Object> twice = new SuspendCall<>() {
                @Override
                public Object invoke(kotlin.coroutines.Continuation<? super Object> c) {
                    kept.set(c);
                    return kotlin.coroutines.intrinsics.IntrinsicsKt.getCOROUTINE_SUSPENDED();
                }

                @Override
                public String toString() {
                    return "twice()";
                }
            };
            CompletableFuture<Object> done = scope.future(twice);
            scope.runCurrent();
            kept.get().resumeWith("first");
            assertThat(catchThrowable(() -> kept.get().resumeWith("second"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("Already resumed: the suspend call twice() resumed its continuation a second time. " + ONCE);
            assertThat(scope.await(done)).isEqualTo("first");
        });
    }

    private static final String ONCE = "A suspend function completes once: either return the value (or throw), or "
        + "return COROUTINE_SUSPENDED and resume the continuation exactly once later.";

    /** A call that suspends, then resumes its continuation twice from a thread of its own; the thread's failures. */
    private static SuspendCall<String> resumesTwiceFromAnotherThread(CompletableFuture<Throwable> second) {
        return new SuspendCall<>() {
            @Override
            public Object invoke(kotlin.coroutines.Continuation<? super String> c) {
                new Thread(() -> {
                    c.resumeWith("first");
                    second.complete(catchThrowable(() -> c.resumeWith("second")));
                }, "resumer").start();
                return kotlin.coroutines.intrinsics.IntrinsicsKt.getCOROUTINE_SUSPENDED();
            }

            @Override
            public String toString() {
                return "resumesTwice()";
            }
        };
    }

    @Test
    void anAwaitedCallThatResumesTwiceIsReportedAsAlreadyResumedNotAsAClassCastException() {
        for (DispatcherKind kind : new DispatcherKind[] {DispatcherKind.STANDARD_TEST, DispatcherKind.UNCONFINED_TEST, DispatcherKind.IO}) {
            CompletableFuture<Throwable> second = new CompletableFuture<>();
            Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(kind), scope -> {
                assertThat(scope.await(resumesTwiceFromAnotherThread(second))).isEqualTo("first");
                assertThat(scope.await(second)).as(kind.name()).isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("Already resumed: the suspend call resumesTwice() resumed its continuation a second time. " + ONCE);
            });
        }
    }

    @Test
    void anAwaitedCallThatResumesTwiceBeforeItReturnsFailsTheAwaitAsAlreadyResumed() {
        SuspendCall<String> twiceAtOnce = new SuspendCall<>() {
            @Override
            public Object invoke(kotlin.coroutines.Continuation<? super String> c) {
                c.resumeWith("first");
                c.resumeWith("second");
                return kotlin.coroutines.intrinsics.IntrinsicsKt.getCOROUTINE_SUSPENDED();
            }

            @Override
            public String toString() {
                return "twiceAtOnce()";
            }
        };
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.await(twiceAtOnce)))
            .isExactlyInstanceOf(IllegalStateException.class)
            .hasMessage("Already resumed: the suspend call twiceAtOnce() resumed its continuation a second time. " + ONCE));
    }

    @Test
    void aCallThatReturnsAValueAndIsResumedLaterFromAnotherThreadIsReportedAsAlreadyResumedWhereverItRuns() {
        for (DispatcherKind kind : new DispatcherKind[] {DispatcherKind.STANDARD_TEST, DispatcherKind.UNCONFINED_TEST, DispatcherKind.IO}) {
            Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(kind), scope -> {
                for (String how : new String[] {"await", "future", "launch"}) {
                    CompletableFuture<Throwable> late = new CompletableFuture<>();
                    CompletableFuture<Object> returned = new CompletableFuture<>();
                    SuspendCall<Object> returnsThenResumes = new SuspendCall<>() {
                        @Override
                        public Object invoke(kotlin.coroutines.Continuation<? super Object> c) throws Exception {
                            Thread resumer = new Thread(() -> late.complete(catchThrowable(() -> {
                                returned.join();
                                c.resumeWith("later");
                            })), "late-resumer");
                            resumer.start();
                            return "now";
                        }

                        @Override
                        public String toString() {
                            return "returnsThenResumes()";
                        }
                    };
                    switch (how) {
                        case "await" -> assertThat(scope.await(returnsThenResumes)).isEqualTo("now");
                        case "future" -> assertThat(scope.await(scope.future(returnsThenResumes))).isEqualTo("now");
                        default -> scope.await(scope.launch(returnsThenResumes));
                    }
                    returned.complete(null);
                    assertThat(scope.await(late)).as(kind + " " + how).isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("Already resumed: the suspend call returnsThenResumes() resumed its continuation "
                            + "after it returned a value. " + ONCE);
                }
            });
        }
    }

    @Test
    void aScopeUsedFromAnotherThreadSaysWhichThreadOwnsIt() {
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread other = new Thread(() -> failure.complete(catchThrowable(() -> scope.advanceTimeBy(Duration.ofSeconds(1)))), "intruder");
            other.start();
            other.join();
            assertThat(failure.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CoroutineTestScope.advanceTimeBy was called from thread 'intruder', but the test runs on "
                    + "thread '" + Thread.currentThread().getName() + "'. Only the test thread may drive the test's "
                    + "loop; from other threads, hand work to the test with scope.coroutineScope() or a "
                    + "CompletableFuture the test awaits.");
        });
    }

    @Test
    void aNestedTestIsRejected() {
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> Coroutines.runBlockingTest(inner -> { })))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Coroutines.runBlockingTest was called inside another runBlockingTest on the same thread."));
    }

    @Test
    void aNegativeDurationIsRejected() {
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.advanceTimeBy(Duration.ofMillis(-1))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("advanceTimeBy's duration must not be negative, but was PT-0.001S: virtual time only moves "
                + "forward; pass Duration.ZERO or more"));
        assertThat(catchThrowable(() -> TestOptions.defaults().withTimeout(Duration.ZERO)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("timeout must be a positive duration, but was PT0S: pass e.g. Duration.ofSeconds(5)");
    }

    @Test
    void aNullCallIsRejected() {
        Coroutines.runBlockingTest(scope -> {
            assertThat(catchThrowable(() -> scope.await((SuspendCall<Object>) null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CoroutineTestScope.await needs a call but got null: pass a lambda that calls the suspend "
                    + "function with the continuation, e.g. c -> repo.find(\"id\", c)");
            assertThat(catchThrowable(() -> scope.future(null))).isInstanceOf(IllegalArgumentException.class);
            assertThat(catchThrowable(() -> scope.launch(null))).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(catchThrowable(() -> Coroutines.runBlocking(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> Coroutines.runBlockingTest(null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runBlockingInsideATestPointsToAwait() {
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> Coroutines.runBlocking(delay(1))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageEndingWith("Use scope.await(...) instead."));
    }

    @Test
    void aTestStartedFromACoroutineOfARunningTestOnAnotherThreadIsRefusedAsNested() {
        Coroutines.runBlockingTest(scope -> {
            Throwable thrown = catchThrowable(() -> scope.await(c -> FaultsKt.onIo(
                () -> { Coroutines.runBlockingTest(inner -> { }); return "ran"; }, c)));
            assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Coroutines.runBlockingTest was called on thread 'DefaultDispatcher-worker-")
                .hasMessageContaining("from a coroutine of a running test: it would start a second, independent test "
                    + "inside the first. Tests cannot be nested");
        });
        Coroutines.runBlockingTest(scope -> { });   // and once the test is over, the IO thread is nobody's
        String afterwards = Coroutines.runBlocking(c -> FaultsKt.onIo(() -> {
            Coroutines.runBlockingTest(inner -> { });
            return "ran";
        }, c));
        assertThat(afterwards).isEqualTo("ran");
    }

    @Test
    void aTestThatCancelsItsOwnScopeFailsAsInRunTest() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            scope.launch(delay(1_000));
            kotlinx.coroutines.CoroutineScopeKt.cancel(scope.coroutineScope(), null);
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("The test's scope was cancelled (")
            .hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void aTestWhoseCoroutineFailsStillFailsWithThatFailureNotAsCancelled() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            scope.launch(c -> { throw boom; });
        }));
        assertThat(thrown).isSameAs(boom);
    }
}
