package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herder.CoroutineTestScope;
import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Coroutines;
import dev.herder.Gate;
import dev.herder.TestOptions;
import dev.herder.junit.CoroutineTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A modular project's coroutine tests, run on the module path with the --add-opens flags Herder names. */
class ConsumerTest {
    @CoroutineTest
    void anHourPassesAtOnce(CoroutineTestScope scope) {
        scope.await(c -> Waiter.waitAnHour(c));
        assertEquals(3_600_000, scope.currentTime());
    }

    @CoroutineTest(virtualDispatchers = true)
    void anHourOnIoPassesAtOnce(CoroutineTestScope scope) {
        scope.await(c -> Waiter.waitAnHourOnIo(c));
        assertEquals(3_600_000, scope.currentTime());
    }

    @Test
    void aTimeoutNamesTheStuckCoroutine() {
        Gate<String> never = new Gate<>();
        CoroutineTestTimeoutError timeout = assertThrows(CoroutineTestTimeoutError.class, () ->
            Coroutines.runBlockingTest(TestOptions.defaults().withTimeout(Duration.ofMillis(300)), scope -> {
                scope.launch(c -> Waiter.waitAnHourOnIo(c));
                scope.await(never.pass());
            }));
        assertTrue(timeout.getMessage().contains("timed out"), timeout.getMessage());
    }
}
