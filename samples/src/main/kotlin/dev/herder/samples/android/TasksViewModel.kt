package dev.herder.samples.android

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.stateIn

sealed interface TasksUiState {
    data object Loading : TasksUiState
    data class Shown(val tasks: List<String>) : TasksUiState
}

/**
 * A view model written as Android's architecture samples write theirs: the screen's state is the repository's flow
 * `stateIn(viewModelScope, WhileSubscribed(5_000), …)` — sharing goes on for 5 s after the screen stops listening,
 * so a rotation does not restart it. Its tests, as upstream writes them, never clear the view model: under `runTest`
 * the pending 5 s timer is run out on virtual time when the test ends.
 */
class TasksViewModel(tasks: Flow<List<String>>) {
    private val viewModelScope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)
    private val filter = MutableStateFlow("")

    val uiState: StateFlow<TasksUiState> = combine(tasks, filter) { all, query ->
        TasksUiState.Shown(all.filter { it.contains(query) })
    }.stateIn(viewModelScope, SharingStarted.WhileSubscribed(5_000), TasksUiState.Loading)

    fun filter(query: String) {
        filter.value = query
    }
}
