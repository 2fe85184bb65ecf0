package dev.herder.junit4;

import static org.junit.Assert.assertEquals;

import dev.herder.Suspend;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** Under @Test(timeout = …), a coroutine's thread (Dispatchers.IO) is still no test thread. */
public class OtherThreadsTestCase {
    static volatile String ioRefusal;
    static volatile String ioRefusalWithoutTimeout;

    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();

    @Test(timeout = 10_000)
    public void anIoCoroutinesThreadIsRefusedUnderATimeout() {
        ioRefusal = coroutines.scope().await(c -> GreetingsKt.onIo(this::awaitFromHere, c));
        assertEquals(0, coroutines.scope().currentTime());
    }

    @Test
    public void anIoCoroutinesThreadIsRefusedWithoutATimeout() {
        ioRefusalWithoutTimeout = coroutines.scope().await(c -> GreetingsKt.onIo(this::awaitFromHere, c));
    }

    private String awaitFromHere() {
        try {
            coroutines.scope().await(Suspend.delay(Duration.ofSeconds(1)));
            return "not refused";
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }
}
