package dev.herder.junit4;

import dev.herder.Suspend;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;

/** A test that JUnit's timeout stops while it waits for a coroutine that never ends. */
public class StuckTimeLimitedTestCase {
    static volatile Thread timeLimitedThread;
    static volatile CompletableFuture<Void> stuck;

    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();

    @Test(timeout = 200)
    public void waitsForACoroutineThatNeverEnds() {
        timeLimitedThread = Thread.currentThread();
        stuck = coroutines.scope().launch(Suspend.never());
        coroutines.scope().await(stuck);
    }
}
