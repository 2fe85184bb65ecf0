package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fixture for the parallel stress run: many tests at once, each using Dispatchers.Main on its own clock. */
@ExtendWith(HerderExtension.class)
class ParallelMainTestCase {

    @RepeatedTest(150)
    void withContextMainRunsOnThisTestsLoopAndClock(CoroutineTestScope scope, RepetitionInfo info) {
        long millis = info.getCurrentRepetition() * 7L;
        Thread main = scope.await(c -> MainUsersKt.threadOnMainAfter(millis, c));
        assertThat(main).isSameAs(Thread.currentThread());
        assertThat(scope.currentTime()).isEqualTo(millis);
    }

    @RepeatedTest(150)
    void aViewModelsOwnMainScopeTicksOnThisTestsClock(CoroutineTestScope scope, RepetitionInfo info) {
        long every = 10L + info.getCurrentRepetition();
        TickingViewModel model = new TickingViewModel();
        model.start(every);
        scope.advanceTimeBy(Duration.ofMillis(every * 5));
        scope.runCurrent();
        assertThat(model.getTicks()).isEqualTo(5);
        model.close();
    }

    @DispatcherTest({DispatcherKind.DEFAULT, DispatcherKind.IO, DispatcherKind.SINGLE_THREAD})
    void onARealDispatcherMainIsThatDispatcher(CoroutineTestScope scope) {
        for (int i = 0; i < 10; i++) {
            Thread main = scope.await(c -> MainUsersKt.threadOnMainAfter(2, c));
            assertThat(main.getName()).startsWith(scope.dispatcher() == kotlinx.coroutines.Dispatchers.getDefault()
                || scope.dispatcher() == kotlinx.coroutines.Dispatchers.getIO() ? "DefaultDispatcher-worker-" : "herder-loop-");
        }
    }
}
