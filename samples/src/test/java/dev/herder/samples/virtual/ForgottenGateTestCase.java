package dev.herder.samples.virtual;

import dev.herder.CoroutineTestScope;
import dev.herder.Gate;
import dev.herder.junit.CoroutineTest;
import java.util.List;

/** A deliberately broken test, run by DeadlockVerdictTest: the fake waits on a Gate the test never opens. */
class ForgottenGateTestCase {
    @CoroutineTest(virtualDispatchers = true)
    void forgetsToOpenTheGate(CoroutineTestScope scope) {
        Gate<Long> reply = new Gate<>();
        CartTotal cart = new CartTotal(new PriceRepository(new FakePriceSource().answering(reply.pass())));

        scope.await(c -> cart.total(List.of("tea"), c));   // waits for reply.open(...), which never comes
    }
}
