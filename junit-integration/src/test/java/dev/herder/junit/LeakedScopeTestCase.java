package dev.herder.junit;

import dev.herder.CoroutineTestScope;
import java.time.Duration;

/** Fixture: a test that forgets to close a view model whose own Main scope ticks forever. */
class LeakedScopeTestCase {

    @CoroutineTest(timeout = "5 s")
    void forgetsToCloseTheViewModel(CoroutineTestScope scope) {
        TickingViewModel model = new TickingViewModel();
        model.start(100);
        scope.advanceTimeBy(Duration.ofMillis(350));
    }
}
