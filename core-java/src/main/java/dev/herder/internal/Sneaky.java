package dev.herder.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

/** Rethrows any throwable as it is, checked or not: Kotlin code has no checked exceptions, and neither do awaits. */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class Sneaky {
    private Sneaky() {}

    /** Throws {@code t} unchanged; declared to return so callers can write {@code throw Sneaky.rethrow(t)}. */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>as(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E as(Throwable t) throws E {
        throw (E) t;
    }
}
