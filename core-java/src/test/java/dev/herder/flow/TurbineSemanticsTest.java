package dev.herder.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.Coroutines;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import kotlinx.coroutines.CompletableDeferredKt;
import kotlinx.coroutines.flow.FlowKt;
import org.junit.jupiter.api.Test;

/**
 * FlowProbe behaves as Turbine where users port tests between them; each test names the Turbine behaviour it matches
 * (Turbine's FlowTest/ChannelTest cases, ported).
 */
class TurbineSemanticsTest {

    @Test
    void expectMostRecentItemReturnsTheLastItemAndLeavesACompletionAfterItInPlace() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.flowOf(1, 2, 3));
            assertThat(probe.expectMostRecentItem()).isEqualTo(3);
            probe.awaitComplete();
        });
    }

    @Test
    void expectMostRecentItemBeforeACompletionTheTestNeverAwaitsIsNotAnUnconsumedEvent() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.flowOf(1, 2, 3));
            assertThat(probe.expectMostRecentItem()).isEqualTo(3);
        });
    }

    @Test
    void expectMostRecentItemReturnsANullItem() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<String> probe = scope.probe(FlowKt.flowOf("a", null));
            assertThat(probe.expectMostRecentItem()).isNull();
            probe.awaitComplete();
        });
    }

    @Test
    void expectMostRecentItemRethrowsTheFlowsOwnExceptionObject() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.failingAfter(2));
            Throwable thrown = catchThrowable(probe::expectMostRecentItem);
            assertThat(thrown).isExactlyInstanceOf(IOException.class).hasMessage("upstream broke after 2");
        });
    }

    @Test
    void expectMostRecentItemWithNothingThereFails() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.<Integer>emptyFlow(), "nothing");
            assertThat(catchThrowable(probe::expectMostRecentItem)).isInstanceOf(AssertionError.class)
                .hasMessage("Expected at least one item for nothing but found no item");
            probe.awaitComplete();
        });
    }

    @Test
    void aCancellationExceptionThrownInsideTheFlowIsAnErrorEvent() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.timingOutInside());
            probe.skipItems(2);
            assertThat(probe.awaitError()).isInstanceOf(kotlinx.coroutines.TimeoutCancellationException.class);
            assertThat(scope.currentTime()).isEqualTo(100);
        });
    }

    @Test
    void cancelAndIgnoreRemainingEventsReturnsAfterTheCollectionHasFinished() {
        AtomicBoolean finished = new AtomicBoolean();
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.slowToFinish(finished));
            assertThat(probe.awaitItem()).isEqualTo(1);
            probe.cancelAndIgnoreRemainingEvents();
            assertThat(finished).as("the flow's onCompletion ran before cancel returned").isTrue();
            assertThat(scope.currentTime()).isEqualTo(50);
        });
    }

    @Test
    void cancelAndConsumeRemainingEventsTakesTheEventsThenWaitsForTheCollectionToFinish() {
        AtomicBoolean finished = new AtomicBoolean();
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.slowToFinish(finished));
            assertThat(probe.cancelAndConsumeRemainingEvents()).containsExactly(new FlowEvent.Item<>(1));
            assertThat(finished).isTrue();
        });
    }

    @Test
    void anErrorTheTestProvokedJustBeforeItsEndIsReportedAsUnconsumed() {
        IOException failure = new IOException("provoked at the end");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            var gate = CompletableDeferredKt.<kotlin.Unit>CompletableDeferred(null);
            FlowProbe<Integer> probe = scope.probe(FlowsKt.failingWhenReleased(gate, failure), "gated");
            assertThat(probe.awaitItem()).isEqualTo(1);
            gate.complete(kotlin.Unit.INSTANCE);   // and return at once
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("Unconsumed events found at the end of the test:\n  - gated: Error(IOException)")
            .hasCause(failure);
    }

    @Test
    void whenTheBodyFailsAProbesUnconsumedFlowErrorIsStillReportedWithTheBodysFailureAsItsCause() {
        IOException flowFailure = new IOException("the flow broke");
        IllegalStateException bodyFailure = new IllegalStateException("the body failed");
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            var gate = CompletableDeferredKt.<kotlin.Unit>CompletableDeferred(null);
            FlowProbe<Integer> probe = scope.probe(FlowsKt.failingWhenReleased(gate, flowFailure), "gated");
            probe.awaitItem();
            gate.complete(kotlin.Unit.INSTANCE);
            throw bodyFailure;
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("Unconsumed exception found for gated: java.io.IOException: the flow broke")
            .hasCause(bodyFailure);
        assertThat(thrown.getSuppressed()).containsExactly(flowFailure);
    }

    @Test
    void aStateFlowSetSeveralTimesBetweenTwoAwaitsIsSeenWithEveryValueAsTurbinesUnconfinedCollectorSeesIt() {
        Counter counter = new Counter();
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> count = scope.probe(counter.getCount(), "count");
            assertThat(count.awaitItem()).isZero();
            counter.increment();
            counter.increment();
            counter.increment();
            assertThat(count.awaitItem()).isEqualTo(1);
            assertThat(count.awaitItem()).isEqualTo(2);
            assertThat(count.awaitItem()).isEqualTo(3);
            count.expectNoEvents();
        });
    }

    @Test
    void expectNoEventsFailsOnAnErrorNamingItWithTheFlowsExceptionAsTheCause() {
        // Turbine's FlowTest.expectNoEventsFailsOnException
        RuntimeException expected = new RuntimeException();
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(scope -> {
            FlowProbe<Object> probe = scope.probe(FlowKt.flow((collector, c) -> {
                throw expected;
            }));
            probe.expectNoEvents();
        }));
        assertThat(thrown).isExactlyInstanceOf(AssertionError.class).hasMessage("Expected no events but found Error(RuntimeException)");
        assertThat(thrown.getCause()).isSameAs(expected);
    }

    @Test
    void awaitItemMatchingSkipsItemsUntilOneMatches() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.countdown(5, 100), "countdown");
            assertThat(probe.awaitItemMatching(i -> i % 2 == 0)).isEqualTo(4);
            assertThat(scope.currentTime()).isEqualTo(200);
            assertThat(probe.awaitItemMatching(i -> i == 1)).isEqualTo(1);
            probe.awaitComplete();
        });
    }

    @Test
    void awaitItemMatchingFailsWhenTheFlowCompletesFirst() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowKt.flowOf(1, 3), "odd");
            assertThat(catchThrowable(() -> probe.awaitItemMatching(i -> i % 2 == 0)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected an item matching the predicate for odd but found Complete");
        });
    }

    @Test
    void expectNoItemWithinPassesTheVirtualTimeAndFailsAtTheFirstItemNamingItsInstant() {
        Coroutines.runBlockingTest(scope -> {
            FlowProbe<Integer> probe = scope.probe(FlowsKt.countdown(2, 1_000), "slow");
            probe.expectNoItemWithin(Duration.ofMillis(999));
            assertThat(scope.currentTime()).isEqualTo(999);
            Throwable thrown = catchThrowable(() -> probe.expectNoItemWithin(Duration.ofMillis(500)));
            assertThat(thrown).isInstanceOf(AssertionError.class)
                .hasMessage("Expected no item within 500 ms (from 999 ms) for slow but found Item(2) at 1000 ms");
            probe.cancelAndIgnoreRemainingEvents();
        });
    }
}
