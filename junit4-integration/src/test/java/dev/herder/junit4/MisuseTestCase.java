package dev.herder.junit4;

import dev.herder.Suspend;
import dev.herder.TestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import kotlinx.coroutines.DelayKt;
import org.junit.Rule;
import org.junit.Test;

/** Tests that fail the way a coroutine test fails: each failure is asserted by CoroutineTestRuleTests. */
public class MisuseTestCase {
    static final IOException OFFLINE = new IOException("offline");

    @Rule public final CoroutineTestRule coroutines =
        new CoroutineTestRule(TestOptions.defaults().withFailOnNeverAwaited(true).withTimeout(Duration.ofMillis(300)));

    @Test
    public void neverAwaited() {
        coroutines.scope().future(c -> DelayKt.delay(10, c));
    }

    @Test
    public void stuck() {
        coroutines.scope().await(Suspend.await(new CompletableFuture<String>()));
    }

    @Test
    public void failsWithItsOwnException() {
        coroutines.scope().launch(c -> {
            throw OFFLINE;
        });
    }
}
