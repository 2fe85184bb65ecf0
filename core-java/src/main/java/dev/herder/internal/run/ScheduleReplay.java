package dev.herder.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

/**
 * Attached, suppressed, to the failure of a test that ran under a shuffled schedule: its message says how to replay
 * the failing interleaving and shows it. It is never thrown on its own.
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class ScheduleReplay extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScheduleReplay(String message) {
        super(message, null, false, false);
    }
}
