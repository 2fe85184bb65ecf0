package dev.herder.junit4;

import dev.herder.Suspend;
import dev.herder.TestOptions;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** Expecting an AssertionError must not swallow the coroutine test's own timeout (an AssertionError too). */
public class ExpectedAssertionTimeoutTestCase {
    @Rule public final CoroutineTestRule coroutines =
        new CoroutineTestRule(TestOptions.defaults().withTimeout(Duration.ofMillis(300)));

    @Test(expected = AssertionError.class)
    public void aCoroutineThatNeverEndsIsATimeoutNotTheExpectedAssertion() {
        coroutines.scope().launch(Suspend.never());
    }
}
