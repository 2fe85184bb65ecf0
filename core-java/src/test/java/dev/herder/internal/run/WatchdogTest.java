package dev.herder.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watchdog behind every test's timeout. */
class WatchdogTest {

    @Test
    void aTestStillStartingAtItsDeadlineIsWatchedUntilThereIsSomethingToStop() throws InterruptedException {
        // a loaded machine can take longer than a short timeout to start a test: the first look finds nothing to stop
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Watchdog.Watch watch = Watchdog.watch(System.nanoTime() - TimeUnit.SECONDS.toNanos(1), () -> {
            if (looks.incrementAndGet() < 3) {
                return false;
            }
            stopped.countDown();
            return true;
        })) {
            assertThat(stopped.await(10, TimeUnit.SECONDS)).as("stopped once there was something to stop").isTrue();
            // the watchdog records the expiry once the callback has returned true, after the count-down above
            long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!watch.expired() && System.nanoTime() < limit) {
                Thread.sleep(1);
            }
            assertThat(watch.expired()).isTrue();
            assertThat(looks).hasValue(3);
        }
    }

    @Test
    void aClosedWatchIsNotLookedAtAgain() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch looked = new CountDownLatch(1);
        Watchdog.Watch watch = Watchdog.watch(System.nanoTime() - TimeUnit.SECONDS.toNanos(1), () -> {
            looks.incrementAndGet();
            looked.countDown();
            return false;
        });
        assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();
        watch.close();
        int afterClose = looks.get();
        Thread.sleep(300);   // six of the watchdog's periods: a watch still registered would be looked at again
        assertThat(looks.get()).isLessThanOrEqualTo(afterClose + 1);   // one look may have been under way at close
        assertThat(watch.expired()).isFalse();
    }
}
