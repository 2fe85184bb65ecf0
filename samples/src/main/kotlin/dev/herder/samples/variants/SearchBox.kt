package dev.herder.samples.variants

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch

/** The search service behind a search box (a fake with a latency per query, in tests). */
interface SearchBackend {
    suspend fun search(query: String): List<String>
}

/**
 * A search box as it is often first written: each keystroke starts a search, and whichever answer arrives last is
 * shown. When a shorter query answers after a longer one, the screen shows results for what the user no longer typed
 * — a race that lives in the latencies, not in the order of tasks due together.
 */
open class SearchBox(protected val backend: SearchBackend, protected val scope: CoroutineScope) {
    @Volatile
    var shown: List<String> = emptyList()
        protected set

    open fun type(query: String) {
        scope.launch { shown = backend.search(query) }
    }
}

/** The fix: a new keystroke cancels the search of the previous one (what `collectLatest` does). */
class LatestSearchBox(backend: SearchBackend, scope: CoroutineScope) : SearchBox(backend, scope) {
    private var current: Job? = null

    override fun type(query: String) {
        current?.cancel()
        current = scope.launch { shown = backend.search(query) }
    }
}
