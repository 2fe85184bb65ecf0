package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The exact text of the messages users meet most, as users see them: each names what went wrong and what to write
 * instead. A wording change here is a deliberate change of the user-facing vocabulary (built in
 * {@code internal.Failures}, {@code mock.MockFailures}, {@code junit.JUnitFailures}), never an accident.
 */
class MessagesTest {
    @Test
    void aNestedTest() {
        assertThatThrownBy(() -> Coroutines.runBlockingTest(outer -> Coroutines.runBlockingTest(inner -> { })))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Coroutines.runBlockingTest was called inside another runBlockingTest on the same thread. "
                + "Tests cannot be nested: use the outer test's scope (scope.await(...), scope.future(...)) instead of "
                + "starting a new test.");
    }

    @Test
    void runBlockingInsideATest() {
        assertThatThrownBy(() -> Coroutines.runBlockingTest(scope -> Coroutines.runBlocking(c -> "x")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Coroutines.runBlocking was called inside runBlockingTest: it would run on real time and could "
                + "run the test's own loop behind its back. Use scope.await(...) instead.");
    }

    @Test
    void nullArguments() {
        assertThatThrownBy(() -> Coroutines.runBlockingTest(null, scope -> { }))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Coroutines.runBlockingTest needs options but got null: pass e.g. TestOptions.defaults()");
        assertThatThrownBy(() -> Coroutines.runBlockingTest(TestOptions.defaults(), null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Coroutines.runBlockingTest needs a test body but got null: pass e.g. scope -> { ... }");
        assertThatThrownBy(() -> Coroutines.runBlocking(null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Coroutines.runBlocking needs a call but got null: pass a lambda that calls the suspend "
                + "function with the continuation, e.g. c -> repo.find(\"id\", c)");
        assertThatThrownBy(() -> TestOptions.defaults().withSchedule(null))
            .hasMessage("TestOptions.withSchedule needs a schedule but got null: pass e.g. Schedule.fifo(), "
                + "Schedule.shuffled(seed), Schedule.pct(seed, depth), Schedule.pos(seed) or Schedule.replay(choices)");
        assertThatThrownBy(() -> TestOptions.defaults().withName(" "))
            .hasMessage("TestOptions.withName needs a test name but got a blank one: pass e.g. "
                + "withName(\"herdsTheCat()\")");
    }

    @Test
    void durations() {
        assertThatThrownBy(() -> TestOptions.defaults().withTimeout("later"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("withTimeout(\"later\") has the invalid duration 'later': write a positive number and a unit "
                + "(ns, μs, ms, s, m, h, d), e.g. \"5 s\" or \"500 ms\", or ISO-8601 such as \"PT5S\"");
        assertThatThrownBy(() -> TestOptions.defaults().withTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("timeout must be a positive duration, but was PT0S: pass e.g. Duration.ofSeconds(5)");
    }

    @Test
    void combinationsThatCannotWork() {
        assertThatThrownBy(() -> TestOptions.defaults().withDispatcher(DispatcherKind.IO).withSchedule(Schedule.shuffled(7)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("An explored schedule orders the tasks due at one virtual instant, and DispatcherKind.IO runs "
                + "on real time, where threads decide the order: the two cannot be combined. Drop "
                + "withSchedule(...) (shuffled(seed=0x0000000000000007)), or drop withDispatcher(...) to run on a test "
                + "dispatcher.");
        assertThatThrownBy(() -> TestOptions.defaults().withDispatcher(DispatcherKind.DEFAULT).withVirtualDispatchers(true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Virtual dispatchers run the test's Dispatchers.IO and Dispatchers.Default work on the test's "
                + "virtual clock, and the test itself on DispatcherKind.DEFAULT runs on real time: the two cannot be "
                + "combined. Drop withVirtualDispatchers(true) to run on the real dispatcher, or drop "
                + "withDispatcher(...) to run on virtual time.");
    }

    @Test
    void aGateLetsThroughOnce() {
        Gate<String> gate = new Gate<>();
        gate.open("first");
        assertThatThrownBy(() -> gate.open("second"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("This Gate was already opened or failed; a Gate lets through once. Use a new Gate for the next "
                + "value.");
    }

    @Test
    void aClosedLoopRunner() {
        LoopRunner loop = LoopRunner.start("ui-loop");
        loop.close();
        assertThatThrownBy(() -> loop.runBlocking(c -> "x"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("LoopRunner 'ui-loop' is closed: start a new one with LoopRunner.start(name).");
    }

    @Test
    void eachSettingHasOneName() {
        assertThat(TestOptions.defaults().withFailOnNeverAwaited(true).failOnNeverAwaited()).isTrue();
        assertThat(TestOptions.defaults().withTimeout("5 s")).isEqualTo(TestOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        assertThat(TestOptions.defaults().withTimeout("PT0.5S").timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(TestOptions.TIMEOUT_PROPERTY).isEqualTo("herder.test.timeout");
    }
}
