package dev.herder.internal.scope;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.herder.CoroutineTestScope;
import java.lang.StackWalker.Option;
import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

/** Where user code called into a scope: the first frame outside the scope's own implementations; and back. */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class CallSites {
    private static final StackWalker WALKER = StackWalker.getInstance(Option.RETAIN_CLASS_REFERENCE);

    private CallSites() {}

    static String caller() {
        return callerOutside(CallSites.class);
    }

    /** As {@link #caller()}, skipping the frames of {@code implementation} too (a probe's, say). */
    static String callerOutside(Class<?> implementation) {
        return WALKER.walk(frames -> frames
            .filter(f -> !CoroutineTestScope.class.isAssignableFrom(f.getDeclaringClass())
                && f.getDeclaringClass() != CallSites.class && f.getDeclaringClass() != implementation)
            .findFirst()
            .map(f -> f.toStackTraceElement().toString())
            .orElse("an unknown place"));
    }

    /**
     * The call of the test's API {@code frame} is in, as the user wrote it ({@code scope.await(...)},
     * {@code future.join(...)}, {@code probe.awaitItem(...)}), or null if it is not in one: a report on a waiting
     * test thread names the wait it is in.
     */
    public static String apiCall(StackTraceElement frame) {
        String c = frame.getClassName();
        String owner = c.equals(DefaultCoroutineTestScope.class.getName()) ? "scope"
            : c.equals(TestFuture.class.getName()) ? "future"
            : c.equals(FlowProbeImpl.class.getName()) ? "probe" : null;
        return owner == null ? null : owner + "." + frame.getMethodName() + "(...)";
    }
}
