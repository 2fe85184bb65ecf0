package dev.herder.junit4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.herder.Suspend;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** @Test(timeout = …): JUnit runs the method on its "Time-limited test" thread, @Before and @After on its own. */
public class TimeLimitedTestCase {
    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();
    private CompletableFuture<String> startedBefore;
    private Thread beforeThread;

    @Before
    public void startLoading() {
        beforeThread = Thread.currentThread();
        startedBefore = coroutines.scope().future(Suspend.after(Duration.ofSeconds(1), () -> "loaded"));
    }

    @Test(timeout = 10_000)
    public void awaitsOnTheTimeLimitedThreadOnVirtualTime() {
        assertTrue(Thread.currentThread().getName().startsWith("Time-limited test"));
        coroutines.scope().await(Suspend.delay(Duration.ofHours(1)));
        assertEquals(3_600_000, coroutines.scope().currentTime());
        assertEquals("loaded", startedBefore.join());
    }

    @Test(timeout = 10_000)
    public void aViewModelOnMainLoadsOnTheTimeLimitedThread() {
        GreetingViewModel viewModel = new GreetingViewModel("Tom");
        viewModel.load();
        coroutines.scope().advanceTimeBy(Duration.ofMillis(1_000));
        coroutines.scope().runCurrent();
        assertEquals("Hello, Tom", viewModel.getGreeting().getValue());
        viewModel.clear();
    }

    @Test(timeout = 10_000)
    public void aThreadTheTestStartsMayUseTheScopeToo() throws InterruptedException {
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread helper = new Thread(() -> {
            try {
                seen.set(coroutines.scope().await(Suspend.after(Duration.ofMinutes(1), () -> "from the helper")));
            } catch (Throwable t) {
                seen.set(t);
            }
        }, "helper");
        helper.start();
        helper.join();
        assertEquals("from the helper", seen.get());
        assertEquals(60_000, coroutines.scope().currentTime());
    }

    @After
    public void afterRunsOnTheTestThreadAfterTheMethod() {
        assertSame(beforeThread, Thread.currentThread());
        assertEquals("loaded", startedBefore.join());
    }
}
