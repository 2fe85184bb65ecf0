package dev.herder.internal.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The backstop behind every test's wall-clock timeout. Herder's own waits check the deadline themselves; this one
 * daemon thread covers the loops Herder does not own — kotlinx's {@code advanceUntilIdle}/{@code advanceTimeBy} over
 * an endless coroutine — by cancelling the test shortly after its deadline. It checks every 50 ms and costs a test
 * one set insertion and removal.
 */
final class Watchdog {
    /** How long after a test's deadline the watchdog steps in: Herder's own checks come first. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long PERIOD_MILLIS = 50;
    private static final Set<Watch> WATCHES = ConcurrentHashMap.newKeySet();
    private static volatile Thread thread;

    private Watchdog() {}

    /**
     * Watches a test due to end by {@code deadlineNanos}; {@code onExpiry} runs on the watchdog thread if it does not,
     * and again every period for as long as it answers that there was nothing to stop yet (the test still starting).
     */
    static Watch watch(long deadlineNanos, BooleanSupplier onExpiry) {
        ensureRunning();
        Watch watch = new Watch(deadlineNanos, onExpiry);
        WATCHES.add(watch);
        return watch;
    }

    private static void ensureRunning() {
        if (thread != null) {
            return;
        }
        synchronized (Watchdog.class) {
            if (thread == null) {
                Thread t = new Thread(Watchdog::patrol, "herder-watchdog");
                t.setDaemon(true);
                t.start();
                thread = t;
            }
        }
    }

    private static void patrol() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch watch : WATCHES) {
                if (now - watch.deadlineNanos > 0 && WATCHES.remove(watch) && !watch.expire()) {
                    WATCHES.add(watch);   // nothing to stop yet: look again next period
                    if (watch.closed) {
                        WATCHES.remove(watch);   // closed meanwhile: close() may have missed it
                    }
                }
            }
        }
    }

    /** One watched test. Closing it ends the watch. */
    static final class Watch implements AutoCloseable {
        private final long testDeadlineNanos;
        private volatile long deadlineNanos;   // when the watchdog steps in
        private final BooleanSupplier onExpiry;
        private volatile boolean expired;
        private volatile boolean closed;

        private Watch(long testDeadlineNanos, BooleanSupplier onExpiry) {
            this.testDeadlineNanos = testDeadlineNanos;
            this.deadlineNanos = testDeadlineNanos + GRACE_NANOS;
            this.onExpiry = onExpiry;
        }

        /** Stops the test, or answers false if there was nothing to stop yet. */
        private boolean expire() {
            try {
                boolean acted = onExpiry.getAsBoolean();
                expired |= acted;
                return acted;
            } catch (RuntimeException | Error e) {
                expired = true;
                System.err.println("[herder] the watchdog could not stop a timed-out test: " + e);
                return true;
            }
        }

        /**
         * The test thread left Herder's own waits for good (the body failed; {@code runTest}'s clean-up runs on): no
         * check of Herder's comes first any more, so the watchdog steps in at the deadline itself, as {@code runTest}'s
         * own timeout would.
         */
        void withoutGrace() {
            deadlineNanos = testDeadlineNanos;
        }

        /** Whether the watchdog had to stop the test. */
        boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            closed = true;
            WATCHES.remove(this);
        }
    }
}
