package dev.herder.samples.variants;

import dev.herder.Suspend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kotlin.Unit;
import kotlin.coroutines.Continuation;

/** The audit service, faked: every record takes 10 ms of the caller's clock. */
final class FakeAuditLog implements AuditLog {
    final List<String> entries = new CopyOnWriteArrayList<>();

    @Override
    public Object record(String entry, Continuation<? super Unit> c) {
        return Suspend.delay(Duration.ofMillis(10)).map(done -> {
            entries.add(entry);
            return done;
        }).call(c);
    }
}
