package dev.herder.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.Coroutines;
import dev.herder.DispatcherKind;
import dev.herder.TestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import kotlinx.coroutines.flow.FlowKt;
import org.junit.jupiter.api.Test;

class FlowProbeTest {

    @Test
    void awaitItemReturnsAtTheVirtualInstantOfEachItem() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.countdown(3, 1_000));
            assertThat(probe.awaitItem()).isEqualTo(3);
            assertThat(scope.currentTime()).isEqualTo(1_000);
            assertThat(probe.awaitItem()).isEqualTo(2);
            assertThat(scope.currentTime()).isEqualTo(2_000);
            assertThat(probe.awaitItem()).isEqualTo(1);
            probe.awaitComplete();
            assertThat(scope.currentTime()).isEqualTo(3_000);
        });
    }

    @Test
    void awaitErrorReturnsTheFlowsOwnException() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.failingAfter(1));
            probe.skipItems(1);
            Throwable failure = probe.awaitError();
            assertThat(failure).isInstanceOf(IOException.class).hasMessage("upstream broke after 1");
        });
    }

    @Test
    void anUnexpectedEventFailsWithOneMessageShape() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.flowOf(41), "answers");
            assertThat(catchThrowable(probe::awaitComplete)).isInstanceOf(AssertionError.class)
                .hasMessage("Expected complete for answers but found Item(41)");
            assertThat(catchThrowable(probe::awaitItem)).isInstanceOf(AssertionError.class)
                .hasMessage("Expected item for answers but found Complete");
        });
    }

    @Test
    void anUnnamedProbeSaysItTurbinesWay() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.emptyFlow());
            assertThat(catchThrowable(probe::awaitItem)).isInstanceOf(AssertionError.class)
                .hasMessage("Expected item but found Complete");
            assertThat(probe.name()).isEqualTo("probe #1");
        });
    }

    @Test
    void anErrorWhereAnItemWasExpectedIsAttachedAsTheCause() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.failingAfter(0), "broken");
            Throwable thrown = catchThrowable(probe::awaitItem);
            assertThat(thrown).hasMessage("Expected item for broken but found Error(IOException)")
                .hasCauseInstanceOf(IOException.class);
        });
    }

    @Test
    void expectNoEventsChecksWithoutMovingTime() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.countdown(2, 500), "countdown");
            probe.expectNoEvents();
            scope.advanceTimeBy(Duration.ofMillis(500));
            scope.runCurrent();
            assertThat(catchThrowable(probe::expectNoEvents)).hasMessage("Expected no events for countdown but found Item(2)");
            probe.cancelAndIgnoreRemainingEvents();
        });
    }

    @Test
    void aStateFlowGivesItsCurrentValueFirstThenEachValueAsItIsSet() {
        Counter counter = new Counter();
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> count = scope.probe(counter.getCount(), "count");
            assertThat(count.awaitItem()).isZero();
            counter.increment();
            counter.increment();
            assertThat(count.expectMostRecentItem()).as("recorded as set, no wait needed").isEqualTo(2);
            count.cancelAndIgnoreRemainingEvents();
        });
    }

    @Test
    void aSharedFlowWithSeveralProbes() {
        EventBus bus = new EventBus();
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<String> first = scope.probe(bus.getEvents(), "first");
            FlowProbe<String> second = scope.probe(bus.getEvents(), "second");
            bus.post("hello");
            assertThat(first.awaitItem()).isEqualTo("hello");
            assertThat(second.awaitItem()).isEqualTo("hello");
            first.cancelAndIgnoreRemainingEvents();
            second.cancelAndIgnoreRemainingEvents();
        });
    }

    @Test
    void expectMostRecentItemTakesEverythingThatArrived() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.countdown(5, 100));
            scope.advanceTimeBy(Duration.ofMillis(350));
            assertThat(probe.expectMostRecentItem()).isEqualTo(3);
            List<FlowEvent<Integer>> rest = probe.cancelAndConsumeRemainingEvents();
            assertThat(rest).isEmpty();
        });
    }

    @Test
    void unconsumedEventsFailTheTestAtItsEnd() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.flowOf(1, 2), "numbers");
            assertThat(probe.awaitItem()).isEqualTo(1);
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessage("Unconsumed events found at the end of the test:\n"
            + "  - numbers: Item(2)\n  - numbers: Complete\n"
            + "Consume them (awaitItem, awaitComplete, …) or end the probe with cancelAndIgnoreRemainingEvents().");
    }

    @Test
    void aFlowThatNeverEmitsFailsAfterTheWallClockLimitInsteadOfHanging() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Object> probe = scope.probe(FlowKt.emptyFlow(), "silent", Duration.ofMillis(100));
            probe.awaitComplete();
            FlowProbe<String> never = scope.probe(new EventBus().getEvents(), "never", Duration.ofMillis(100));
            assertThat(catchThrowable(never::awaitItem)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected an event for never but found none within 100 ms of wall-clock time (virtual time 0 ms;");
            never.cancelAndIgnoreRemainingEvents();
        });
    }

    @Test
    void probesWorkOnRealDispatchersToo() {
        Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(DispatcherKind.IO), scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.countdown(2, 5));
            assertThat(probe.awaitItem()).isEqualTo(2);
            assertThat(probe.awaitItem()).isEqualTo(1);
            probe.awaitComplete();
        });
    }

    @Test
    void awaitingACancelledProbeFailsAtOnceSayingItWasCancelledByWhichCallAndWhere() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> ticks = scope.probe(FlowsKt.countdown(3, 1_000), "ticks");
            assertThat(ticks.awaitItem()).isEqualTo(3);
            int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            ticks.cancelAndIgnoreRemainingEvents();
            Throwable thrown = catchThrowable(ticks::awaitItem);
            assertThat(thrown).isInstanceOf(AssertionError.class).hasMessage("Expected an event for ticks but found "
                + "none: the probe was cancelled by cancelAndIgnoreRemainingEvents() at dev.herder.flow.FlowProbeTest."
                + "lambda$awaitingACancelledProbeFailsAtOnceSayingItWasCancelledByWhichCallAndWhere$" + lambdaIndex(thrown)
                + "(FlowProbeTest.java:" + line + ") and collects nothing more. Await events before cancelling it.");
            assertThat(catchThrowable(ticks::awaitComplete)).hasMessageContaining("the probe was cancelled by");
            FlowProbe<Integer> rest = scope.probe(FlowsKt.countdown(3, 1_000), "rest");
            rest.cancelAndConsumeRemainingEvents();
            assertThat(catchThrowable(rest::awaitItem))
                .hasMessageContaining("the probe was cancelled by cancelAndConsumeRemainingEvents() at dev.herder.flow.FlowProbeTest.");
        });
    }

    /** The number javac gave the test's lambda, as the message names it. */
    private static String lambdaIndex(Throwable thrown) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("WhichCallAndWhere\\$(\\d+)\\(").matcher(thrown.getMessage());
        return m.find() ? m.group(1) : "?";
    }
}
