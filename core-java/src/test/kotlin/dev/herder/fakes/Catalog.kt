package dev.herder.fakes

import kotlinx.coroutines.withTimeoutOrNull

// A Kotlin interface whose Java fake (InferringFake) writes the usual bodies with no type witness.

interface Catalog {
    suspend fun find(id: String): User
    suspend fun all(): List<User>
    suspend fun watch(id: String): User
    suspend fun refresh(id: String): User
}

/** Kotlin production code over the catalog: gives up on a lookup that takes longer than [millis]. */
class CatalogClient(private val catalog: Catalog) {
    suspend fun watchWithin(id: String, millis: Long): User? = withTimeoutOrNull(millis) { catalog.watch(id) }

    suspend fun count(): Int = catalog.all().size
}

/** A higher-order suspend function, to hand Java lambdas and typed mocks of `suspend (String) -> User` to. */
suspend fun findBoth(find: suspend (String) -> User, first: String, second: String): List<User> =
    listOf(find(first), find(second))
