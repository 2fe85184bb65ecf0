/**
 * Herder's Kotlin bridge: internal, for herder-core alone. javac compiles this descriptor after kotlinc compiled the
 * classes without it (kotlinc's own module checks would need mockk as a module, which it cannot be; see below). Its packages are exported to {@code dev.herder.core} only
 * (users' modules cannot read them), {@code kotlinx} being the one seam onto kotlinx internals.
 */
module dev.herder.bridge {
    exports dev.herder.bridge to dev.herder.core;
    exports dev.herder.bridge.kotlinx to dev.herder.core;

    requires transitive kotlinx.coroutines.core;
    requires transitive kotlinx.coroutines.test;
    requires transitive kotlin.stdlib;
    // optional: -Dherder.debugProbes=true needs kotlinx-coroutines-debug, and says so when it is missing. mockk, which
    // SuspendMockk needs, cannot be required: it declares no module name and splits its package io.mockk between
    // mockk-jvm and mockk-dsl-jvm, so it lives on the class path; MockkInterop reads its module at its first use.
    requires static kotlinx.coroutines.debug;
    requires static org.apiguardian.api;
    requires static org.jetbrains.annotations;
}
