package dev.herder.junit4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.herder.Suspend;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.Timeout;

/** JUnit's Timeout rule inside the coroutine rule: the method, @Before and @After run on the Timeout's thread. */
public class TimeoutRuleInsideTestCase {
    private final CoroutineTestRule coroutines = new CoroutineTestRule();

    @Rule public final RuleChain rules = RuleChain.outerRule(coroutines).around(Timeout.seconds(10));

    @Test
    public void awaitsOnTheTimeoutRulesThreadOnVirtualTime() {
        assertTrue(Thread.currentThread().getName().startsWith("Time-limited test"));
        String value = coroutines.scope().await(Suspend.after(Duration.ofHours(2), () -> "late"));
        assertEquals("late", value);
        assertEquals(7_200_000, coroutines.scope().currentTime());
    }
}
