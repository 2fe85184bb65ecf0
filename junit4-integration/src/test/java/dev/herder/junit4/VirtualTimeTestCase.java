package dev.herder.junit4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import kotlinx.coroutines.DelayKt;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** @Before, the test and @After share one coroutine test on virtual time. */
public class VirtualTimeTestCase {
    static final AtomicBoolean AFTER_SAW_THE_CLOCK = new AtomicBoolean();

    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();
    private final AtomicBoolean warmedUp = new AtomicBoolean();
    private CompletableFuture<Void> warmUp;

    @Before
    public void startWarmingUp() {
        warmUp = coroutines.scope().launch(c -> {
            Object r = DelayKt.delay(500, c);
            warmedUp.set(true);
            return r;
        });
    }

    @Test
    public void theTestSeesWhatBeforeStartedOnTheSameClock() {
        coroutines.scope().await(c -> DelayKt.delay(1_000, c));
        assertTrue(warmedUp.get());
        assertTrue(warmUp.isDone());
        assertEquals(1_000, coroutines.scope().currentTime());
    }

    @After
    public void afterRunsInTheSameTest() {
        AFTER_SAW_THE_CLOCK.set(coroutines.scope().currentTime() == 1_000);
    }
}
