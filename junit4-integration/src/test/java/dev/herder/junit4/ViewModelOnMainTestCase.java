package dev.herder.junit4;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** The MainDispatcherRule case: a view model on Dispatchers.Main, 25 tests, run in parallel by the tests. */
public class ViewModelOnMainTestCase {
    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();
    private GreetingViewModel viewModel;

    private void loadsOnVirtualTime(String name) {
        viewModel = new GreetingViewModel(name);
        viewModel.load();
        coroutines.scope().advanceTimeBy(Duration.ofMillis(999));
        assertEquals("…", viewModel.getGreeting().getValue());
        coroutines.scope().advanceTimeBy(Duration.ofMillis(1));
        coroutines.scope().runCurrent();
        assertEquals("Hello, " + name, viewModel.getGreeting().getValue());
    }

    @After
    public void clear() {
        viewModel.clear();
    }

    @Test public void t01() { loadsOnVirtualTime("Tom"); }
    @Test public void t02() { loadsOnVirtualTime("Jerry"); }
    @Test public void t03() { loadsOnVirtualTime("Garfield"); }
    @Test public void t04() { loadsOnVirtualTime("Odie"); }
    @Test public void t05() { loadsOnVirtualTime("Nermal"); }
    @Test public void t06() { loadsOnVirtualTime("Arlene"); }
    @Test public void t07() { loadsOnVirtualTime("Felix"); }
    @Test public void t08() { loadsOnVirtualTime("Sylvester"); }
    @Test public void t09() { loadsOnVirtualTime("Tweety"); }
    @Test public void t10() { loadsOnVirtualTime("Scratchy"); }
    @Test public void t11() { loadsOnVirtualTime("Itchy"); }
    @Test public void t12() { loadsOnVirtualTime("Snowball"); }
    @Test public void t13() { loadsOnVirtualTime("Salem"); }
    @Test public void t14() { loadsOnVirtualTime("Figaro"); }
    @Test public void t15() { loadsOnVirtualTime("Lucifer"); }
    @Test public void t16() { loadsOnVirtualTime("Duchess"); }
    @Test public void t17() { loadsOnVirtualTime("Toulouse"); }
    @Test public void t18() { loadsOnVirtualTime("Berlioz"); }
    @Test public void t19() { loadsOnVirtualTime("Marie"); }
    @Test public void t20() { loadsOnVirtualTime("Cheshire"); }
    @Test public void t21() { loadsOnVirtualTime("Dinah"); }
    @Test public void t22() { loadsOnVirtualTime("Puss"); }
    @Test public void t23() { loadsOnVirtualTime("Tigger"); }
    @Test public void t24() { loadsOnVirtualTime("Hobbes"); }
    @Test public void t25() { loadsOnVirtualTime("Grumpy"); }
}
