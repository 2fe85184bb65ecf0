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
            Class<?> entry = Class.forName(className, false, Frameworks.class.getClassLoader());
            // Herder as a named module (the module path) reads the framework's module, named or the class path's
            Module herder = Frameworks.class.getModule();
            if (!herder.canRead(entry.getModule())) {
                herder.addReads(entry.getModule());
            }
        } catch (ClassNotFoundException | LinkageError e) {
            IllegalStateException missing = MockFailures.frameworkMissing(framework);
            missing.initCause(e);
            throw missing;
        }
    }
}
