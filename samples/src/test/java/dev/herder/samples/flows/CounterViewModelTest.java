package dev.herder.samples.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.flow.FlowProbe;
import dev.herder.junit.CoroutineTest;

/** A StateFlow-backed view model, observed from Java with a FlowProbe on virtual time. */
class CounterViewModelTest {

    // README: view model
    @CoroutineTest
    void incrementingShowsSavingUntilTheSaveFinishes(CoroutineTestScope scope) {
        CounterViewModel model = new CounterViewModel(scope.coroutineScope());
        FlowProbe<CounterState> state = scope.probe(model.getState(), "state");
        assertThat(state.awaitItem()).isEqualTo(new CounterState(0, false));   // a StateFlow's current value first

        model.increment();
        assertThat(state.awaitItem()).isEqualTo(new CounterState(1, true));
        assertThat(state.awaitItem()).isEqualTo(new CounterState(1, false));
        assertThat(scope.currentTime()).isEqualTo(500);
        state.cancelAndIgnoreRemainingEvents();
    }
    // README: end

    @CoroutineTest
    void quickIncrementsAreEachSeenAsTurbineSeesThemNotConflated(CoroutineTestScope scope) {
        CounterViewModel model = new CounterViewModel(scope.coroutineScope());
        FlowProbe<CounterState> state = scope.probe(model.getState(), "state");
        state.skipItems(1);
        model.increment();
        model.increment();
        model.increment();
        assertThat(state.awaitItem()).isEqualTo(new CounterState(1, true));
        assertThat(state.awaitItem()).isEqualTo(new CounterState(2, true));
        assertThat(state.awaitItem()).isEqualTo(new CounterState(3, true));
        scope.advanceUntilIdle();
        assertThat(state.expectMostRecentItem()).isEqualTo(new CounterState(3, false));
        state.cancelAndIgnoreRemainingEvents();
    }
}
