package dev.herder;

import static dev.herder.Calls.awaitFuture;
import static dev.herder.Calls.delayThen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.Dispatchers;
import org.junit.jupiter.api.Test;

class OutsideATestTest {

    @Test
    void runBlockingCallsASuspendFunctionOnRealTime() {
        assertThat(Coroutines.runBlocking(delayThen(10, "done"))).isEqualTo("done");
    }

    @Test
    void runBlockingRethrowsTheSameException() {
        IOException down = new IOException("down");
        assertThat(catchThrowable(() -> Coroutines.runBlocking(c -> { throw down; }))).isSameAs(down);
    }

    @Test
    void futureRunsOnTheGivenDispatcher() {
        CompletableFuture<String> thread = Coroutines.future(Dispatchers.getIO(), Calls.currentThreadName());
        assertThat(thread.join()).startsWith("DefaultDispatcher-worker-");
    }

    @Test
    void cancellingTheFutureCancelsTheCoroutine() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
        CompletableFuture<String> future = Coroutines.future(Dispatchers.getDefault(), c -> {
            return awaitFuture(never).invoke(new kotlin.coroutines.Continuation<String>() {
                @Override public kotlin.coroutines.CoroutineContext getContext() { return c.getContext(); }
                @Override public void resumeWith(Object result) {
                    cancelled.complete(result instanceof kotlin.Result.Failure);
                    c.resumeWith(result);
                }
            });
        });
        // suspended: its wait registered with the future (not a guess at how long that takes)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (never.getNumberOfDependents() == 0 && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        assertThat(never.getNumberOfDependents()).as("the coroutine waits on the future").isEqualTo(1);
        future.cancel(true);
        assertThat(cancelled.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLoopRunnerRunsEveryCallOnItsOwnThread() {
        try (LoopRunner loop = LoopRunner.start("cat-loop")) {
            assertThat(loop.submit(c -> Thread.currentThread()).join()).isSameAs(loop.thread());
            String name = loop.runBlocking(c -> Thread.currentThread().getName());
            assertThat(name).as("with -ea kotlinx appends the coroutine to the name").startsWith("cat-loop");
            int answer = loop.runBlocking(delayThen(5, 42));
            assertThat(answer).isEqualTo(42);
        }
    }

    @Test
    void closingALoopRunnerCancelsWhatRunsAndEndsTheThread() {
        CompletableFuture<String> never = new CompletableFuture<>();
        LoopRunner loop = LoopRunner.start("closing-loop");
        CompletableFuture<String> stuck = loop.submit(awaitFuture(never));
        loop.close();
        assertThat(stuck).isCancelled();
        assertThat(loop.thread().isAlive()).isFalse();
        assertThat(catchThrowable(() -> loop.submit(c -> 1))).isInstanceOf(IllegalStateException.class)
            .hasMessage("LoopRunner 'closing-loop' is closed: start a new one with LoopRunner.start(name).");
    }

    @Test
    void closingALoopRunnerRethrowsAFailureNobodyObserved() {
        IOException down = new IOException("down");
        LoopRunner loop = LoopRunner.start("failing-loop");
        CompletableFuture<Object> failed = loop.submit(c -> { throw down; });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!failed.isDone()) {                     // isDone does not count as looking at the failure
            assertThat(System.nanoTime() - giveUp).isNegative();
            Thread.onSpinWait();
        }
        assertThat(catchThrowable(loop::close)).isSameAs(down);
    }

    @Test
    void anObservedFailureIsNotRethrownByClose() {
        LoopRunner loop = LoopRunner.start("observed-loop");
        assertThat(catchThrowable(() -> loop.runBlocking(c -> { throw new IOException("seen"); }))).hasMessage("seen");
        loop.close();
    }

    @Test
    void runBlockingOnTheLoopsOwnThreadIsRejected() {
        try (LoopRunner loop = LoopRunner.start("self-loop")) {
            Throwable thrown = loop.<Throwable>submit(c -> catchThrowable(() -> loop.runBlocking(inner -> 1))).join();
            assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LoopRunner 'self-loop'.runBlocking was called on the loop's own thread");
        }
    }
}
