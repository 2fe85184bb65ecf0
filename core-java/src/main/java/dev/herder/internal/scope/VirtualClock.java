package dev.herder.internal.scope;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import kotlinx.coroutines.test.TestCoroutineScheduler;

/** A {@link Clock} that reads a test scheduler's virtual time, starting at the epoch. */
final class VirtualClock extends Clock {
    private final TestCoroutineScheduler scheduler;
    private final ZoneId zone;

    VirtualClock(TestCoroutineScheduler scheduler, ZoneId zone) {
        this.scheduler = scheduler;
        this.zone = zone;
    }

    static VirtualClock utc(TestCoroutineScheduler scheduler) {
        return new VirtualClock(scheduler, ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new VirtualClock(scheduler, zone);
    }

    @Override
    public long millis() {
        return scheduler.getCurrentTime();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(scheduler.getCurrentTime());
    }

    @Override
    public String toString() {
        return "VirtualClock[" + scheduler.getCurrentTime() + " ms, " + zone + "]";
    }
}
