package dev.herder.samples.flows

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

data class CounterState(val count: Int, val saving: Boolean)

/** A StateFlow-backed view model: increments at once, saves in the background (500 ms), then clears `saving`. */
class CounterViewModel(private val scope: CoroutineScope) {
    private val mutableState = MutableStateFlow(CounterState(0, saving = false))
    val state: StateFlow<CounterState> = mutableState.asStateFlow()

    fun increment() {
        mutableState.value = CounterState(mutableState.value.count + 1, saving = true)
        scope.launch {
            delay(500)
            mutableState.value = mutableState.value.copy(saving = false)
        }
    }
}
