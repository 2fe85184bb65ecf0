package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herder.Coroutines;
import org.junit.jupiter.api.Test;

/** Run without the --add-opens flags (surefire's second execution): Herder's first call names them. */
class WithoutOpensTest {
    @Test
    void theFirstCallNamesTheFlagsTheTestJvmNeeds() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> Coroutines.runBlockingTest(scope -> scope.await(c -> Waiter.waitAnHour(c))));
        assertEquals("Herder reads a few internals of kotlinx-coroutines, and here kotlinx is a named module on the "
            + "module path (a module-info requires it), which opens none of its packages to reflection. Run the tests "
            + "with the JVM flags --add-opens kotlinx.coroutines.core/kotlinx.coroutines=ALL-UNNAMED --add-opens "
            + "kotlinx.coroutines.core/kotlinx.coroutines.internal=ALL-UNNAMED (Maven: maven-surefire-plugin's "
            + "<argLine>; Gradle: tasks.test { jvmArgs(...) }).", refused.getMessage());
    }
}
