package dev.herder.junit4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import dev.herder.TestOptions;
import org.junit.Rule;
import org.junit.Test;

/** The rule with virtual dispatchers: code on Dispatchers.IO runs on the test's clock and thread. */
public class VirtualDispatchersRuleTestCase {
    @Rule public final CoroutineTestRule coroutines =
        new CoroutineTestRule(TestOptions.defaults().withVirtualDispatchers(true));

    @Test
    public void ioIsVirtual() {
        Thread testThread = Thread.currentThread();
        Thread io = coroutines.scope().await(c -> GreetingsKt.threadOnIoAfter(60_000, c));
        assertSame(testThread, io);
        assertEquals(60_000, coroutines.scope().currentTime());
    }
}
