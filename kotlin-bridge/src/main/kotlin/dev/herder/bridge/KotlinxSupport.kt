package dev.herder.bridge

import org.apiguardian.api.API
import org.jetbrains.annotations.ApiStatus

import dev.herder.bridge.kotlinx.KotlinxSeam
import kotlinx.coroutines.Job
import kotlinx.coroutines.test.TestCoroutineScheduler

/**
 * Which kotlinx-coroutines Herder runs on: the supported range, and the check the first Herder call runs — the
 * versions on the classpath, then the kotlinx internals Herder borrows (all of them in [dev.herder.bridge.kotlinx],
 * each with a self-test), exercised once per JVM.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
public object KotlinxSupport {
    /** The oldest kotlinx-coroutines Herder supports; it is compiled against this version. */
    public const val OLDEST_SUPPORTED: String = "1.8.0"

    /** The newest kotlinx-coroutines line Herder is tested on. */
    public const val NEWEST_TESTED: String = "1.11"

    @Volatile private var verdict: String? = null
    @Volatile private var shufflingVerdict: String? = null

    /**
     * Checks, once per JVM, that the kotlinx-coroutines on the classpath is one Herder supports: its version, and that
     * every internal of the seam is there and behaves as Herder relies on.
     *
     * @throws IllegalStateException naming the version found, the supported range and what failed
     */
    @JvmStatic
    public fun check() {
        val problem = verdict ?: synchronized(this) {
            verdict ?: (problem() ?: OK).also { verdict = it }
        }
        if (problem !== OK) throw IllegalStateException(problem)
    }

    /** What makes the kotlinx-coroutines on the classpath unusable for Herder, or null if nothing does. */
    @JvmStatic
    public fun problem(): String? {
        val core = KotlinxVersion.of("kotlinx-coroutines-core", Job::class.java)
        val test = KotlinxVersion.of("kotlinx-coroutines-test", TestCoroutineScheduler::class.java)
        for (found in listOf(core, test)) {
            if (found != null && found.isOlderThan(OLDEST_SUPPORTED)) return unsupported(found, "is too old")
        }
        if (core != null && test != null && core.isOlderThan(test.version)) {
            // the test artifact is compiled against its own core: an older core lacks what it calls (NoSuchMethodError)
            return BridgeFailures.kotlinxMisaligned(core, test)
        }
        val broken = try {
            KotlinxSeam.selfTest()
        } catch (e: LinkageError) {
            "its internals failed when exercised ($e)"
        } catch (e: RuntimeException) {
            "its internals failed when exercised ($e)"
        } ?: return null
        val described = core ?: test ?: KotlinxVersion("kotlinx-coroutines", "of an unknown version")
        return unsupported(described, "does not work as Herder relies on: $broken")
    }

    /**
     * Checks, once, that the scheduler internals shuffled schedules use are there and work: two tasks queued at one
     * instant, the second chosen, run first.
     *
     * @throws IllegalStateException naming what is missing and the supported range
     */
    @JvmStatic
    public fun checkShuffling() {
        val problem = shufflingVerdict ?: synchronized(this) {
            shufflingVerdict ?: (shufflingProblem() ?: OK).also { shufflingVerdict = it }
        }
        if (problem !== OK) throw IllegalStateException(problem)
    }

    private fun shufflingProblem(): String? = KotlinxSeam.shufflingSelfTest()?.let { why ->
        unsupported(KotlinxVersion.of("kotlinx-coroutines-test", TestCoroutineScheduler::class.java)
            ?: KotlinxVersion("kotlinx-coroutines-test", "of an unknown version"), why)
    }

    private fun unsupported(found: KotlinxVersion, why: String): String = BridgeFailures.kotlinxUnsupported(found, why)

    private const val OK = "ok"
}

/** The version of a kotlinx-coroutines artifact, as its jar records it in `META-INF/<name>.version`. */
@API(status = API.Status.INTERNAL, since = "0.1")
@ApiStatus.Internal
internal class KotlinxVersion(val artifact: String, val version: String) {
    /** Whether this version is older than [other] (`major.minor.patch`, suffixes such as `-RC` ignored). */
    fun isOlderThan(other: String): Boolean {
        val mine = numbers(version) ?: return false
        val theirs = numbers(other) ?: return false
        for (i in 0 until 3) {
            if (mine[i] != theirs[i]) return mine[i] < theirs[i]
        }
        return false
    }

    companion object {
        /**
         * The version of [artifact], whose class [anchor] is loaded, or null if its jar does not say (a shaded or
         * repackaged copy).
         */
        fun of(artifact: String, anchor: Class<*>): KotlinxVersion? {
            val resource = "META-INF/${artifact.replace('-', '_')}.version"
            val loader = anchor.classLoader ?: ClassLoader.getSystemClassLoader()
            val text = loader.getResourceAsStream(resource)?.use { it.readBytes().decodeToString().trim() }
            return if (text.isNullOrEmpty()) null else KotlinxVersion(artifact, text)
        }

        private fun numbers(version: String): IntArray? {
            val parts = version.substringBefore('-').split('.')
            if (parts.isEmpty()) return null
            return IntArray(3) { i -> parts.getOrNull(i)?.toIntOrNull() ?: if (i == 0) return null else 0 }
        }
    }
}
