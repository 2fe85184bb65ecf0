package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;
import kotlinx.coroutines.DelayKt;
import org.junit.jupiter.api.Test;

/** A user's first coroutine test, with nothing but the BOM and herder-junit. */
class ConsumerTest {
    @CoroutineTest
    void anHourPassesAtOnce(CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(3_600_000, c));
        assertEquals(3_600_000, scope.currentTime());
    }

    @Test
    void herderBringsOnlyWhatEveryUserNeeds() {
        // optional in Herder: kotlinx-coroutines-debug (for -Dherder.debugProbes=true), Mockito, mockk
        for (String optional : new String[] {"kotlinx.coroutines.debug.DebugProbes", "org.mockito.Mockito", "io.mockk.MockKKt"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(optional), optional + " is on the classpath");
        }
    }
}
