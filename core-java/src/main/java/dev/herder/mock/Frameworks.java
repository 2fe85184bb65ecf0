package dev.herder.mock;

import dev.herder.internal.KotlinxCheck;

/** Mockito and mockk are optional: each flavour checks its framework is there and says how to add it if not. */
final class Frameworks {
    private Frameworks() {}

    static void requireMockito() {
        require("org.mockito.Mockito", "mockito");
    }

    static void requireMockk() {
        require("io.mockk.MockKKt", "mockk");
    }

    private static void require(String className, String framework) {
        KotlinxCheck.require();
        try {
            Class.forName(className, false, Frameworks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            IllegalStateException missing = MockFailures.frameworkMissing(framework);
            missing.initCause(e);
            throw missing;
        }
    }
}
