package dev.herder.junit

import dev.herder.bridge.MainRoute
import kotlinx.coroutines.debug.DebugProbes

/**
 * kotlinx-coroutines-debug's DebugProbes for the Java tests. In Kotlin because javac compiles the tests into the
 * dev.herder.junit module, where kotlinx 1.8's split package kotlinx.coroutines.debug (core holds one class of it,
 * the debug jar DebugProbes) cannot be read; kotlinc compiles the test fixtures on the class path.
 */
object Probes {
    @JvmStatic
    fun installed(): Boolean = DebugProbes.isInstalled

    @JvmStatic
    fun uninstall() = DebugProbes.uninstall()

    /** How many coroutines DebugProbes sees that still carry a test's Main route: each belongs to a test. */
    @JvmStatic
    fun coroutinesOfTests(): Long = DebugProbes.dumpCoroutinesInfo().count { it.context[MainRoute.Key] != null }.toLong()
}
