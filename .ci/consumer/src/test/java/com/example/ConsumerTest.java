package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;
import kotlinx.coroutines.DelayKt;

/** A user's first coroutine test, with nothing but the BOM and herder-junit. */
class ConsumerTest {
    @CoroutineTest
    void anHourPassesAtOnce(CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(3_600_000, c));
        assertEquals(3_600_000, scope.currentTime());
    }
}
