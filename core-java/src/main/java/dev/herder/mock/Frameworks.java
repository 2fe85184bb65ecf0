package dev.herder.mock;

import dev.herder.internal.KotlinxCheck;

/** Mockito and mockk are optional: each flavour checks its framework is there and says how to add it if not. */
final class Frameworks {
    private Frameworks() {}

    static void requireMockito() {
        require("org.mockito.Mockito", "SuspendMocks uses Mockito, which is not on the classpath. Add the test "
            + "dependency org.mockito:mockito-core (5.x), or use SuspendMockk with mockk.");
    }

    static void requireMockk() {
        require("io.mockk.MockKKt", "SuspendMockk uses mockk, which is not on the classpath. Add the test "
            + "dependency io.mockk:mockk-jvm (1.14.x), or use SuspendMocks with Mockito.");
    }

    private static void require(String className, String message) {
        KotlinxCheck.require();
        try {
            Class.forName(className, false, Frameworks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(message, e);
        }
    }
}
