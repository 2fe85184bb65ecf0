package dev.herder.junit4;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** The MainDispatcherRule case under @Test(timeout = …): run in parallel by the tests. */
public class ViewModelOnTimeLimitedThreadTestCase {
    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();

    private void loadsOnVirtualTime(String name) {
        GreetingViewModel viewModel = new GreetingViewModel(name);
        viewModel.load();
        coroutines.scope().advanceTimeBy(Duration.ofMillis(999));
        assertEquals("…", viewModel.getGreeting().getValue());
        coroutines.scope().advanceTimeBy(Duration.ofMillis(1));
        coroutines.scope().runCurrent();
        assertEquals("Hello, " + name, viewModel.getGreeting().getValue());
        viewModel.clear();
    }

    @Test(timeout = 10_000) public void t01() { loadsOnVirtualTime("Tom"); }
    @Test(timeout = 10_000) public void t02() { loadsOnVirtualTime("Jerry"); }
    @Test(timeout = 10_000) public void t03() { loadsOnVirtualTime("Garfield"); }
    @Test(timeout = 10_000) public void t04() { loadsOnVirtualTime("Odie"); }
    @Test(timeout = 10_000) public void t05() { loadsOnVirtualTime("Nermal"); }
    @Test(timeout = 10_000) public void t06() { loadsOnVirtualTime("Arlene"); }
    @Test(timeout = 10_000) public void t07() { loadsOnVirtualTime("Felix"); }
    @Test(timeout = 10_000) public void t08() { loadsOnVirtualTime("Sylvester"); }
}
