package dev.herder.samples.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.flow.FlowProbe;
import dev.herder.junit.CoroutineTest;
import java.util.List;
import kotlinx.coroutines.flow.MutableStateFlow;
import kotlinx.coroutines.flow.StateFlowKt;

/**
 * A view model whose state is {@code stateIn(viewModelScope, WhileSubscribed(5_000), …)}, tested as upstream Android
 * tests do: nobody clears the view model. When the test's work ends, its 5 s stop timer is still pending on
 * {@code Dispatchers.Main}; Herder runs it out on virtual time, as {@code runTest} does, so the test passes.
 */
class TasksViewModelTest {
    private final MutableStateFlow<List<String>> tasks = StateFlowKt.MutableStateFlow(List.of("tea", "cake", "toast"));

    @CoroutineTest
    void showsTheFilteredTasksWithoutClearingTheViewModel(CoroutineTestScope scope) {
        TasksViewModel viewModel = new TasksViewModel(tasks);
        FlowProbe<TasksUiState> states = scope.probe(viewModel.getUiState());

        assertThat(states.awaitItem()).isEqualTo(TasksUiState.Loading.INSTANCE);
        assertThat(states.awaitItem()).isEqualTo(new TasksUiState.Shown(List.of("tea", "cake", "toast")));

        viewModel.filter("t");
        assertThat(states.awaitItem()).isEqualTo(new TasksUiState.Shown(List.of("tea", "toast")));
        states.cancelAndIgnoreRemainingEvents();   // the screen goes away: WhileSubscribed's 5 s timer starts on Main
    }

    @CoroutineTest
    void aStateReadOnceNeedsNoProbe(CoroutineTestScope scope) {
        TasksViewModel viewModel = new TasksViewModel(tasks);
        TasksUiState shown = scope.await(c -> kotlinx.coroutines.flow.FlowKt.first(viewModel.getUiState(),
            (state, k) -> state instanceof TasksUiState.Shown, c));
        assertThat(shown).isEqualTo(new TasksUiState.Shown(List.of("tea", "cake", "toast")));
    }
}
