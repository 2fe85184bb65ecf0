package dev.herder.bridge.kotlinx

import dev.herder.bridge.KotlinxSupport
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/**
 * The seam's self-tests — what the first Herder call and the first shuffled schedule exercise — pass on the
 * kotlinx-coroutines this JVM runs (CI runs kotlin-bridge's tests on every supported version). The other contract tests
 * of this package pin, member by member, what Herder relies on from each internal.
 */
class KotlinxSeamContractTest {
    @Test
    fun theKotlinxOnTheClasspathPassesTheCheck() {
        assertThat(KotlinxSeam.selfTest()).isNull()
        assertThat(KotlinxSupport.problem()).isNull()
        KotlinxSupport.check()
    }

    @Test
    fun theShufflingCheckPasses() {
        assertThat(KotlinxSeam.shufflingSelfTest()).isNull()
        KotlinxSupport.checkShuffling()
    }

    @Test
    fun theTestsRunOnTheKotlinxTheBuildAskedFor() {
        // the bridge is compiled against the oldest supported kotlinx; these tests must not silently run on it
        val asked = System.getProperty("herder.test.coroutinesVersion") ?: return
        val jar = kotlinx.coroutines.Job::class.java.protectionDomain.codeSource.location.toString()
        assertThat(jar).contains("/$asked/")
    }
}
