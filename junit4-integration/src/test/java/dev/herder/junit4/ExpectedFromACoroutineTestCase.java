package dev.herder.junit4;

import dev.herder.Suspend;
import java.io.IOException;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** @Test(expected = …) met by a coroutine the test launched, which fails after the method returned. */
public class ExpectedFromACoroutineTestCase {
    static final IllegalStateException BROKEN = new IllegalStateException("broken");

    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();

    @Test(expected = IOException.class)
    public void passesWhenALaunchedCoroutineThrowsTheExpectedException() {
        coroutines.scope().launch(Suspend.after(Duration.ofSeconds(1), () -> {
            throw new IOException("offline");
        }));
    }

    @Test(expected = IOException.class, timeout = 10_000)
    public void passesWhenALaunchedCoroutineThrowsItUnderATimeoutToo() {
        coroutines.scope().launch(c -> {
            throw new IOException("offline");
        });
    }

    @Test(expected = IOException.class)
    public void failsAsJUnitDoesWhenNothingThrowsIt() {
        coroutines.scope().launch(Suspend.delay(Duration.ofSeconds(1)));
    }

    @Test(expected = IOException.class)
    public void failsWithTheCoroutinesOtherException() {
        coroutines.scope().launch(Suspend.failure(BROKEN));
    }
}
