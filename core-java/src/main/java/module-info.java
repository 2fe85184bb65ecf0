/**
 * Herder's core: run coroutine tests from Java ({@code dev.herder}), mock suspend functions
 * ({@code dev.herder.mock}), test flows ({@code dev.herder.flow}). Only these three packages are exported; the
 * implementation ({@code dev.herder.internal.*}) is not, except the one package whose hooks ByteBuddy inlines into
 * kotlinx's dispatchers ({@code VirtualDispatchers}), to kotlinx alone.
 */
module dev.herder.core {
    exports dev.herder;
    exports dev.herder.flow;
    exports dev.herder.mock;
    // VirtualDispatchers' advice runs inside kotlinx's own classes and calls back into this package
    exports dev.herder.internal.run to kotlinx.coroutines.core;

    // the public API names CoroutineScope, CoroutineDispatcher, Flow, Continuation: users' modules read them through it
    requires transitive kotlinx.coroutines.core;
    requires transitive kotlin.stdlib;
    requires kotlinx.coroutines.test;
    requires dev.herder.bridge;
    requires net.bytebuddy;
    requires net.bytebuddy.agent;
    requires java.instrument;
    // optional: only the user who mocks with Mockito (SuspendMocks) or mockk (SuspendMockk) has it, and each reads
    // its framework's module at its first call (Frameworks). mockk cannot be required: it declares no module name,
    // and its package io.mockk is split between mockk-jvm and mockk-dsl-jvm, so it lives on the class path, whose
    // unnamed module this one reads when compiled (see the pom) and at run time.
    requires static org.mockito;
    // annotations only: @API(status = INTERNAL), @ApiStatus.Internal, @ApiStatus.NonExtendable
    requires static org.apiguardian.api;
    requires static org.jetbrains.annotations;
}
