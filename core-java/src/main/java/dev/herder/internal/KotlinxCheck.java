package dev.herder.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.bridge.KotlinxSupport;
import dev.herder.bridge.kotlinx.KotlinxSeam;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The first thing every Herder entry point does: make sure the kotlinx-coroutines on the classpath is one Herder
 * supports (its version, and the internals Herder relies on, exercised once per JVM by {@link KotlinxSupport#check}).
 * A mismatch is an {@link IllegalStateException} that names the version found and the supported range, raised here
 * rather than as a {@code NoSuchMethodError} from inside a wait.
 *
 * <p>In a modular project (a {@code module-info} that requires {@code kotlinx.coroutines.core}) kotlinx is a named
 * module on the module path, and a named module opens none of its packages to reflection: the check then names the
 * {@code --add-opens} flags the test JVM needs, before anything fails half-way.
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
            List<String> flags = missingOpens(kotlinx.coroutines.Job.class.getModule(), CORE_PACKAGES);
            if (!flags.isEmpty()) {
                throw Failures.kotlinxNotOpen(flags);
            }
            KotlinxSupport.check();
        } catch (LinkageError e) {
            throw Failures.kotlinxMissing(e);
        }
        passed = true;
    }

    /**
     * Before a shuffled schedule: it reorders the test scheduler's queue, reading kotlinx-coroutines-test's internals.
     *
     * @throws IllegalStateException if they cannot be read: kotlinx-coroutines-test is a named module not open to Herder
     */
    public static void requireShuffling() {
        List<String> flags = missingOpens(kotlinx.coroutines.test.TestCoroutineScheduler.class.getModule(),
            KotlinxSeam.TEST_PACKAGES);
        if (!flags.isEmpty()) {
            throw Failures.kotlinxNotOpen(flags);
        }
        KotlinxSupport.checkShuffling();
    }

    /** The packages of kotlinx-coroutines-core whose internals Herder reads (the bridge's seam, virtual dispatchers). */
    private static final List<String> CORE_PACKAGES = KotlinxSeam.CORE_PACKAGES;

    /** {@code --add-opens} flags for each of {@code packages} of {@code kotlinx}, if named, not open to Herder's code. */
    static List<String> missingOpens(Module kotlinx, List<String> packages) {
        if (!kotlinx.isNamed()) {
            return List.of();   // on the class path (most projects): everything is open
        }
        Set<String> flags = new LinkedHashSet<>();
        for (String pkg : packages) {
            for (Module reader : List.of(KotlinxSeam.class.getModule(), KotlinxCheck.class.getModule())) {
                if (kotlinx.getPackages().contains(pkg) && !kotlinx.isOpen(pkg, reader)) {
                    flags.add("--add-opens " + kotlinx.getName() + "/" + pkg + "="
                        + (reader.isNamed() ? reader.getName() : "ALL-UNNAMED"));
                }
            }
        }
        return List.copyOf(flags);
    }
}
