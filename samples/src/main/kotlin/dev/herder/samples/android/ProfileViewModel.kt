package dev.herder.samples.android

import dev.herder.samples.users.UserRepository
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

sealed interface ProfileState {
    data object Loading : ProfileState
    data class Shown(val name: String) : ProfileState
    data object Missing : ProfileState
}

/**
 * An Android-style view model: its own scope on `Dispatchers.Main.immediate` (what `viewModelScope` is), a state
 * flow for the screen, and a repository call per load. Its tests need a Main dispatcher: on JUnit 4 that is what
 * every app's hand-copied `MainDispatcherRule` is for.
 */
class ProfileViewModel(private val users: UserRepository) {
    private val viewModelScope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)
    private val mutableState = MutableStateFlow<ProfileState>(ProfileState.Loading)
    val state: StateFlow<ProfileState> = mutableState.asStateFlow()

    /** Starts loading the profile; the returned job completes once the state shows the result. */
    fun load(id: String): Job {
        mutableState.value = ProfileState.Loading
        return viewModelScope.launch {
            mutableState.value = users.find(id)?.let { ProfileState.Shown(it.name) } ?: ProfileState.Missing
        }
    }

    /** What Android calls when the screen goes away. */
    fun onCleared() = viewModelScope.cancel()
}
