package dev.herder.junit;

import org.junit.jupiter.api.Test;

/** Which JUnit Jupiter the tests run against (the build's default 6.x, or 5.14 with -Pjunit5). */
final class JUnitVersions {
    private JUnitVersions() {}

    static boolean isJupiter6() {
        String version = Test.class.getPackage().getImplementationVersion();
        return version == null || !version.startsWith("5.");
    }
}
