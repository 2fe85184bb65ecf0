package dev.herder.internal;

import dev.herder.CoroutineTestScope;
import java.lang.StackWalker.Option;

/** Where user code called into a scope: the first frame outside the scope's own implementations. */
final class CallSites {
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
}
