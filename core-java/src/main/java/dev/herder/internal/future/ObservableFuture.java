package dev.herder.internal.future;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CompletableFuture} that remembers whether anyone looked at its outcome: read it ({@code get}, {@code join},
 * {@code getNow}, {@code isCompletedExceptionally}, …) or attached a dependent stage ({@code handle},
 * {@code whenComplete}, {@code thenApply}, …, which all go through {@link #newIncompleteFuture()}). A failure nobody
 * observed is reported by whoever owns the future instead of being lost.
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public class ObservableFuture<T> extends CompletableFuture<T> {
    private volatile boolean observed;

    /** Marks the outcome as looked at. */
    public final void markObserved() {
        observed = true;
    }

    /** Whether anyone looked at the outcome. */
    public final boolean isObserved() {
        return observed;
    }

    /** The failure of this future if it failed (not cancelled), without counting as a look; else null. */
    public final Throwable failureIfFailed() {
        if (!super.isCompletedExceptionally() || super.isCancelled()) {
            return null;
        }
        try {
            super.getNow(null);
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Called by {@code get} and {@code join} before they wait: a subclass whose outcome comes from work the caller
     * itself must do (a test's future, whose coroutine runs only while the test thread drives its loop) does it here.
     */
    protected void beforeWaiting() {
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        markObserved();
        return new CompletableFuture<>();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        markObserved();
        beforeWaiting();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        markObserved();
        beforeWaiting();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        markObserved();
        beforeWaiting();
        return super.join();
    }

    @Override
    public T getNow(T valueIfAbsent) {
        markObserved();
        return super.getNow(valueIfAbsent);
    }

    @Override
    public boolean isCompletedExceptionally() {
        markObserved();
        return super.isCompletedExceptionally();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        markObserved();
        return this;
    }
}
