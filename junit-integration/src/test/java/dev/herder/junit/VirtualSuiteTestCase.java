package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;

/** Fixture: a suite run with herder.virtualDispatchers=true; a test on a real dispatcher keeps it. */
class VirtualSuiteTestCase {

    @CoroutineTest
    void onTheTestDispatcherIoIsVirtual(CoroutineTestScope scope) {
        Thread io = scope.await(c -> MainUsersKt.readOnIoThenShowOnMain(60_000, c));
        assertThat(io).isSameAs(Thread.currentThread());
        assertThat(scope.currentTime()).isEqualTo(60_000);
    }

    @CoroutineTest(dispatcher = DispatcherKind.IO)
    void onARealDispatcherIoStaysReal(CoroutineTestScope scope) {
        Thread io = scope.await(c -> MainUsersKt.readOnIoThenShowOnMain(1, c));
        assertThat(io.getName()).startsWith("DefaultDispatcher-worker-");
    }

    @CoroutineTest(virtualDispatchers = true, dispatcher = DispatcherKind.DEFAULT)
    void bothIsAConfigurationError(CoroutineTestScope scope) {
    }
}
