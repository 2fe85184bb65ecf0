package dev.herder.samples.variants;

import dev.herder.Suspend;
import java.time.Duration;
import java.util.List;
import kotlin.coroutines.Continuation;

/** Answers every query with the catalogue's matches after a latency of its own: short queries take longer. */
final class FakeSearchBackend implements SearchBackend {
    private static final List<String> CATALOGUE = List.of("tea", "teapot", "toast", "tart");

    @Override
    public Object search(String query, Continuation<? super List<String>> c) {
        Duration latency = Duration.ofMillis(query.length() == 1 ? 100 : 95);
        return Suspend.after(latency, () -> CATALOGUE.stream().filter(item -> item.startsWith(query)).toList()).call(c);
    }
}
