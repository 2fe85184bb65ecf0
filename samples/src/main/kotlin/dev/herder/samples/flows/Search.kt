@file:OptIn(kotlinx.coroutines.FlowPreview::class, kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package dev.herder.samples.flows

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.mapLatest

interface Catalog {
    suspend fun search(query: String): List<String>
}

/** A debounced search box: queries settle for 300 ms, and a newer query cancels the search of an older one. */
class SearchBox(private val catalog: Catalog) {
    private val query = MutableStateFlow("")

    val results: Flow<List<String>> = query
        .debounce(300)
        .filter { it.length >= 2 }
        .mapLatest { catalog.search(it) }

    fun type(text: String) {
        query.value = text
    }
}
