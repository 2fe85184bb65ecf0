package dev.herder.samples.variants

import java.util.concurrent.atomic.AtomicInteger

/** Counts visits. Correct as long as every visit runs on one thread: a read-modify-write on a plain field. */
class RacyVisitCounter {
    private var visits = 0

    fun visit() {
        val seen = visits
        spin()
        visits = seen + 1
    }

    val count: Int get() = visits
}

/** The fix: the read-modify-write is one atomic step, safe on any dispatcher. */
class AtomicVisitCounter {
    private val visits = AtomicInteger()

    fun visit() {
        spin()
        visits.incrementAndGet()
    }

    val count: Int get() = visits.get()
}

/** A little work inside the visit, as real code does between reading and writing (a log call, a lookup). */
private fun spin() {
    var x = 0
    repeat(64) { x += it }
    if (x == -1) println(x)
    Thread.yield()
}
