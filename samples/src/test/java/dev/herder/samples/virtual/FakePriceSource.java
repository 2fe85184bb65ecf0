package dev.herder.samples.virtual;

import dev.herder.Suspend;
import dev.herder.SuspendCall;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.coroutines.Continuation;

/** A Java fake of the network: 200 ms per fetch, and a number of failures to serve first, per SKU. */
final class FakePriceSource implements PriceSource {
    private final Map<String, Long> prices = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private SuspendCall<Long> override;

    FakePriceSource price(String sku, long cents) {
        prices.put(sku, cents);
        return this;
    }

    FakePriceSource failingFirst(String sku, int times) {
        failuresLeft.put(sku, new AtomicInteger(times));
        return this;
    }

    /** Every fetch answers with {@code call} instead (e.g. a Gate the test opens). */
    FakePriceSource answering(SuspendCall<Long> call) {
        this.override = call;
        return this;
    }

    @Override
    public Object fetch(String sku, Continuation<? super Long> c) {
        if (override != null) {
            return override.call(c);
        }
        return Suspend.after(Duration.ofMillis(200), () -> {
            AtomicInteger left = failuresLeft.get(sku);
            if (left != null && left.getAndDecrement() > 0) {
                throw new IOException("timeout fetching " + sku);
            }
            return prices.get(sku);
        }).call(c);
    }
}
