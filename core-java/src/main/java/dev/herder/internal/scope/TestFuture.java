package dev.herder.internal.scope;

import dev.herder.internal.future.CoroutineFuture;

/**
 * The future of a coroutine started by a test. On the test thread, while the test runs, {@code get()} and
 * {@code join()} drive the test's loop (advancing virtual time) instead of blocking it; elsewhere they block as usual.
 */
class TestFuture<T> extends CoroutineFuture<T> {
    private final DefaultCoroutineTestScope scope;
    private final String startedAt;

    TestFuture(DefaultCoroutineTestScope scope, String startedAt) {
        this.scope = scope;
        this.startedAt = startedAt;
    }

    DefaultCoroutineTestScope owner() {
        return scope;
    }

    /** Where the test started this future, when the never-awaited check is on. */
    String startedAt() {
        return startedAt;
    }

    /** Its failure after the test cancelled it fails the test: {@code runTest} fails with it too. */
    @Override
    protected void orphaned(Throwable failure) {
        scope.orphaned(failure);
    }

    /** On the test thread, {@code get()} and {@code join()} drive the test's loop until this future is done. */
    @Override
    protected void beforeWaiting() {
        if (!isDone() && scope.isDrivableHere()) {
            scope.driveUntil(completedSignal());
        }
    }
}
