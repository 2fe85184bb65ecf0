package dev.herder.internal.run;

import dev.herder.internal.scope.CallSites;
import java.util.List;

/**
 * The one frame filter of Herder's reports: which frames are machinery under the user's code (Herder's, kotlinx's, the
 * stdlib's, the JDK's parking) and which belong to libraries (also the JDK, test engines, assertion and mocking
 * libraries), so that a report shows, or a failure is known by, the user's own lines.
 */
final class Frames {
    private static final List<String> HERDER = List.of("dev.herder.internal.", "dev.herder.bridge.");
    private static final List<String> HERDER_ENTRY_POINTS = List.of("dev.herder.SuspendCall", "dev.herder.Coroutines");
    private static final List<String> KOTLIN = List.of("kotlinx.coroutines.", "kotlin.");
    private static final List<String> PARKING = List.of("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.LockSupport");
    private static final List<String> LIBRARIES = List.of("java.", "jdk.", "sun.", "kotlinx.", "org.junit.", "junit.",
        "org.opentest4j.", "org.assertj.", "org.hamcrest.", "com.google.common.truth.", "org.mockito.", "io.mockk.");

    private Frames() {}

    /** Herder's own code: its internals, the bridge, and the entry points a test body calls through. */
    static boolean isHerder(String className) {
        if (startsWithAny(className, HERDER)) {
            return true;
        }
        for (String entry : HERDER_ENTRY_POINTS) {   // the class or one nested in it
            if (className.startsWith(entry)
                && (className.length() == entry.length() || className.charAt(entry.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    /** Frames of the waits and loops underneath a test: Herder's, kotlinx's, the JDK's parking and stack walking. */
    static boolean isMachinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return isHerder(c) || startsWithAny(c, KOTLIN) || startsWithAny(c, PARKING)
            || c.equals("java.lang.Thread") && frame.getMethodName().equals("getStackTrace")
            || c.contains("$$Lambda");
    }

    /** Machinery, or a library's frame: the line a failure comes from is the first frame that is neither. */
    static boolean isLibrary(String className) {
        return isHerder(className) || startsWithAny(className, KOTLIN) || startsWithAny(className, LIBRARIES)
            || className.contains("$$Lambda");
    }

    /** Whether {@code frame} is a call of the test's scope, a future or a probe (a wait of Herder's API). */
    static boolean isHerderApi(StackTraceElement frame) {
        return CallSites.apiCall(frame) != null;
    }

    /** The API call {@code frame} is in, as a user wrote it: {@code scope.await(...)}, {@code probe.awaitItem(...)}. */
    static String apiName(StackTraceElement frame) {
        return CallSites.apiCall(frame);
    }

    /** A frame as a reader wants it: class, method, file and line, without class loader and module names. */
    static String format(StackTraceElement frame) {
        String where = frame.isNativeMethod() ? "Native Method"
            : frame.getFileName() == null ? "Unknown Source"
            : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    private static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
