package dev.herder.samples.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Java production code of the mixed codebase: expires sessions idle for longer than {@code maxIdle}, checking every
 * {@code every} on the executor it is given, reading time from the clock it is given.
 */
public final class SessionReaper implements AutoCloseable {
    private final Clock clock;
    private final Duration maxIdle;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    public SessionReaper(Clock clock, ScheduledExecutorService executor, Duration maxIdle, Duration every) {
        this.clock = clock;
        this.maxIdle = maxIdle;
        this.sweeper = executor.scheduleAtFixedRate(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void touch(String session) {
        lastSeen.put(session, clock.instant());
        expired.remove(session);
    }

    public boolean isExpired(String session) {
        return expired.contains(session);
    }

    private void sweep() {
        Instant now = clock.instant();
        lastSeen.forEach((session, seen) -> {
            if (Duration.between(seen, now).compareTo(maxIdle) > 0) {
                expired.add(session);
                lastSeen.remove(session);
            }
        });
    }

    @Override
    public void close() {
        sweeper.cancel(false);
    }
}
