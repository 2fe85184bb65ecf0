package dev.herder.samples.virtual

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import java.io.IOException

/** The network behind the repository (a fake in tests). */
interface PriceSource {
    suspend fun fetch(sku: String): Long
}

/**
 * Production code as it is usually written: the I/O hard-codes `Dispatchers.IO`, and a failed fetch is retried with
 * a backoff of 1 s, 2 s, 4 s. No dispatcher is injected anywhere.
 */
class PriceRepository(private val source: PriceSource) {
    suspend fun price(sku: String): Long = withContext(Dispatchers.IO) {
        var backoff = 1_000L
        while (true) {
            try {
                return@withContext source.fetch(sku)
            } catch (e: IOException) {
                if (backoff > 4_000) throw e
                delay(backoff)
                backoff *= 2
            }
        }
        @Suppress("UNREACHABLE_CODE")
        error("unreachable")
    }
}

/** A use case: the prices are fetched side by side, then totalled on `Dispatchers.Default`. */
class CartTotal(private val prices: PriceRepository) {
    suspend fun total(skus: List<String>): Long = coroutineScope {
        val each = skus.map { sku -> async { prices.price(sku) } }.awaitAll()
        withContext(Dispatchers.Default) { each.sum() }
    }
}
