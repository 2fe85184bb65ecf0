package dev.herder

import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import kotlin.coroutines.EmptyCoroutineContext

/** Appends [name] to [log] [steps] times, yielding after each: a coroutine of [steps] schedulable steps. */
suspend fun stepsWithYields(name: Char, steps: Int, log: StringBuilder) {
    repeat(steps) {
        log.append(name)
        yield()
    }
}

/** As [stepsWithYields], inside a `withContext` scope coroutine: still one coroutine to a schedule. */
suspend fun stepsInAScope(name: Char, steps: Int, log: StringBuilder) {
    withContext(EmptyCoroutineContext) { stepsWithYields(name, steps, log) }
}
