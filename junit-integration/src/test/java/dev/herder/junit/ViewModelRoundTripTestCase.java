package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.flow.FlowProbe;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fixture: a view model's own Main scope, an IO hop and back to Main, in many tests at once. */
@ExtendWith(HerderExtension.class)
class ViewModelRoundTripTestCase {
    @RepeatedTest(100)
    void publishesWhatItLoadedOnIo(CoroutineTestScope scope, RepetitionInfo info) {
        LoadingViewModel model = new LoadingViewModel();
        FlowProbe<String> state = scope.probe(model.getState());
        assertThat(state.awaitItem()).isEqualTo("idle");
        model.load(info.getCurrentRepetition());
        assertThat(state.awaitItem()).isEqualTo("loaded " + info.getCurrentRepetition() + " on IO");
        state.cancelAndIgnoreRemainingEvents();
        model.close();
    }
}
