package dev.herder.samples.cats

/** Herding a cat: pet it, then ask it to move. Java sees this as `HerdKt.herd(cat, direction, continuation)`. */
suspend fun herd(cat: Cat, direction: String): Boolean {
    cat.pet()
    return cat.move(direction)
}
