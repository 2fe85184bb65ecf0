package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.Coroutines;
import dev.herder.TestOptions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Fixture: 150 tests with virtual dispatchers and 150 without, for a parallel run that mixes them. */
class VirtualDispatchersTestCase {

    @RepeatedTest(150)
    void virtual(RepetitionInfo info) {
        long millis = 1_000L * info.getCurrentRepetition();
        Coroutines.runBlockingTest(TestOptions.defaults().withVirtualDispatchers(true), scope -> {
            Thread io = scope.await(c -> MainUsersKt.readOnIoThenShowOnMain(millis, c));
            assertThat(io).isSameAs(Thread.currentThread());
            assertThat(scope.currentTime()).isEqualTo(millis);
        });
    }

    @RepeatedTest(150)
    void real() {
        Coroutines.runBlockingTest(scope -> {
            Thread io = scope.await(c -> MainUsersKt.readOnIoThenShowOnMain(1, c));
            assertThat(io.getName()).startsWith("DefaultDispatcher-worker-");
            assertThat(scope.currentTime()).isZero();
        });
    }
}
