package dev.herder.junit4;

import dev.herder.Suspend;
import java.io.IOException;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.ExpectedException;
import org.junit.rules.RuleChain;

/** JUnit's ExpectedException outside the coroutine rule sees what the coroutine test ends with. */
public class ExpectedExceptionOutsideTestCase {
    private final CoroutineTestRule coroutines = new CoroutineTestRule();
    private final ExpectedException thrown = ExpectedException.none();

    @Rule public final RuleChain rules = RuleChain.outerRule(thrown).around(coroutines);

    @Test
    public void seesTheExceptionOfALaunchedCoroutine() {
        thrown.expect(IOException.class);
        thrown.expectMessage("offline");
        coroutines.scope().launch(Suspend.after(Duration.ofSeconds(1), () -> {
            throw new IOException("offline");
        }));
    }
}
