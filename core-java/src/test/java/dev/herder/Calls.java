package dev.herder;

import java.util.concurrent.CompletableFuture;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineName;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.DelayKt;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.Job;
import kotlinx.coroutines.future.FutureKt;

/** Suspend calls written in Java for the core tests: real kotlinx functions, no fakes. */
final class Calls {
    private Calls() {}

    static <T> SuspendCall<T> delayThen(long millis, T value) {
        return c -> {
            Object r = DelayKt.delay(millis, new kotlin.coroutines.Continuation<kotlin.Unit>() {
                @Override public kotlin.coroutines.CoroutineContext getContext() { return c.getContext(); }
                @Override public void resumeWith(Object result) {
                    if (result instanceof kotlin.Result.Failure f) {
                        c.resumeWith(result);
                    } else {
                        c.resumeWith(value);
                    }
                }
            });
            return r == IntrinsicsKt.getCOROUTINE_SUSPENDED() ? r : value;
        };
    }

    static SuspendCall<kotlin.Unit> delay(long millis) {
        return c -> DelayKt.delay(millis, c);
    }

    /** Runs {@code body} on Dispatchers.IO and returns the name of the IO thread. */
    static SuspendCall<String> onIo(long sleepMillis) {
        return c -> BuildersKt.withContext(Dispatchers.getIO(), (scope, inner) -> {
            sleep(sleepMillis);
            return Thread.currentThread().getName();
        }, c);
    }

    /**
     * Blocks a Dispatchers.IO thread until {@code released} completes (at most 10 s of real time), then returns the
     * IO thread's name: real work whose end a test orders after something, instead of hoping a sleep is long enough.
     */
    static SuspendCall<String> onIoUntil(CompletableFuture<?> released) {
        return c -> BuildersKt.withContext(Dispatchers.getIO(), (scope, inner) -> {
            try {
                released.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not released: the caller's assertion on what should have released it says what went wrong
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Thread.currentThread().getName();
        }, c);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> SuspendCall<T> awaitFuture(CompletableFuture<T> future) {
        return c -> FutureKt.await(future, c);
    }

    static SuspendCall<String> currentThreadName() {
        return c -> Thread.currentThread().getName();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Job launchNamed(CoroutineScope scope, String name, SuspendCall<?> call) {
        SuspendCall<Object> raw = (SuspendCall) call;
        return BuildersKt.launch(scope, new CoroutineName(name), CoroutineStart.DEFAULT,
            (s, c) -> {
                try {
                    return raw.invoke((kotlin.coroutines.Continuation) c);
                } catch (Throwable t) {
                    throw dev.herder.internal.Sneaky.rethrow(t);
                }
            });
    }
}
