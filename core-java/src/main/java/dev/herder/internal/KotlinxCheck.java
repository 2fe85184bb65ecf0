package dev.herder.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.bridge.KotlinxInternals;

/**
 * The first thing every Herder entry point does: make sure the kotlinx-coroutines on the classpath is one Herder
 * supports (its version, and the internals Herder relies on, exercised once per JVM by {@link KotlinxInternals#check}).
 * A mismatch is an {@link IllegalStateException} that names the version found and the supported range, raised here
 * rather than as a {@code NoSuchMethodError} from inside a wait.
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class KotlinxCheck {
    private static volatile boolean passed;

    private KotlinxCheck() {}

    /** @throws IllegalStateException if the kotlinx-coroutines on the classpath cannot run Herder */
    public static void require() {
        if (passed) {
            return;
        }
        try {
            KotlinxInternals.check();
        } catch (LinkageError e) {
            throw Failures.kotlinxMissing(e);
        }
        passed = true;
    }
}
