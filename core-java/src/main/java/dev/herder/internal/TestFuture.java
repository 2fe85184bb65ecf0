package dev.herder.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a coroutine started by a test. On the test thread, while the test runs, {@code get()} and
 * {@code join()} drive the test's loop (advancing virtual time) instead of blocking it; elsewhere they block as usual.
 */
final class TestFuture<T> extends CoroutineFuture<T> {
    private final DefaultCoroutineTestScope scope;

    TestFuture(DefaultCoroutineTestScope scope) {
        this.scope = scope;
    }

    private void driveIfOnTestThread() {
        if (!isDone() && scope.isDrivableHere()) {
            scope.driveUntil(completedSignal());
        }
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        driveIfOnTestThread();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        driveIfOnTestThread();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        driveIfOnTestThread();
        return super.join();
    }
}
