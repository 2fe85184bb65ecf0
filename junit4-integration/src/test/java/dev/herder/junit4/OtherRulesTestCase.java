package dev.herder.junit4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.herder.Suspend;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.ExpectedException;
import org.junit.rules.RuleChain;
import org.junit.rules.Timeout;

/** The rules people combine it with: JUnit's Timeout outside it, ExpectedException inside. */
public class OtherRulesTestCase {
    static volatile Thread stoppedTestThread;

    private final CoroutineTestRule coroutines = new CoroutineTestRule();
    private final ExpectedException thrown = ExpectedException.none();

    @Rule public final RuleChain rules = RuleChain.outerRule(Timeout.millis(1_000)).around(coroutines).around(thrown);

    @Test
    public void runsOnTheTimeoutRulesThreadOnVirtualTime() {
        coroutines.scope().await(Suspend.delay(Duration.ofHours(1)));
        assertEquals(3_600_000, coroutines.scope().currentTime());
        assertTrue(Thread.currentThread().getName().startsWith("Time-limited test"));
    }

    @Test
    public void expectedExceptionSeesTheSuspendCallsOwnException() {
        thrown.expect(IOException.class);
        thrown.expectMessage("offline");
        coroutines.scope().await(Suspend.after(Duration.ofSeconds(1), () -> {
            throw new IOException("offline");
        }));
    }

    @Test
    public void aTestStoppedByTheTimeoutRuleEndsItsCoroutineTest() {
        stoppedTestThread = Thread.currentThread();
        coroutines.scope().await(new CompletableFuture<String>());   // real-time wait that never ends
    }
}
