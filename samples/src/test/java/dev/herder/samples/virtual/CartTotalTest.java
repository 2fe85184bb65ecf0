package dev.herder.samples.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;
import java.util.List;

/** Code that hard-codes Dispatchers.IO and Dispatchers.Default, tested on virtual time without injecting anything. */
class CartTotalTest {
    private final FakePriceSource network = new FakePriceSource().price("tea", 450).price("cake", 320);
    private final CartTotal cart = new CartTotal(new PriceRepository(network));

    // README: virtual
    @CoroutineTest(virtualDispatchers = true)
    void retriesOnIoWithBackoffOnTheVirtualClock(CoroutineTestScope scope) {
        network.failingFirst("tea", 2);   // two timeouts: retried after 1 s, then after 2 s

        long total = scope.await(c -> cart.total(List.of("tea", "cake"), c));

        assertThat(total).isEqualTo(770);
        assertThat(scope.currentTime()).isEqualTo(200 + 1_000 + 200 + 2_000 + 200);   // and no wall-clock wait
    }
    // README: end

    @CoroutineTest(virtualDispatchers = true)
    void theFetchesRunSideBySideOnTheTestThread(CoroutineTestScope scope) {
        long total = scope.await(c -> cart.total(List.of("tea", "cake", "tea"), c));

        assertThat(total).isEqualTo(450 + 320 + 450);
        assertThat(scope.currentTime()).isEqualTo(200);
    }
}
