package dev.herder.internal;

import dev.herder.bridge.FlowListener;
import dev.herder.bridge.Signal;
import dev.herder.flow.FlowEvent;
import dev.herder.flow.FlowProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import kotlinx.coroutines.Job;
import kotlinx.coroutines.JobKt;

/** A {@link FlowProbe}: the collector's events in a queue, awaits driving the test's loop until one arrives. */
final class FlowProbeImpl<T> implements FlowProbe<T>, FlowListener {
    private final DefaultCoroutineTestScope scope;
    private final String name;       // null when the test gave none
    private final String label;      // for listings: the name, or "probe #n"
    private final Duration waitLimit;
    private final ConcurrentLinkedQueue<FlowEvent<T>> events = new ConcurrentLinkedQueue<>();
    private volatile Signal arrival;
    private Job collector;
    private boolean ignoringRest;

    FlowProbeImpl(DefaultCoroutineTestScope scope, String name, String label, Duration waitLimit) {
        this.scope = scope;
        this.name = name;
        this.label = label;
        this.waitLimit = waitLimit;
    }

    void start(Job collector) {
        this.collector = collector;
    }

    // --- the collector's side (any thread) ---

    @Override
    @SuppressWarnings("unchecked")
    public void item(Object value) {
        arrived(new FlowEvent.Item<>((T) value));
    }

    @Override
    public void complete() {
        arrived(new FlowEvent.Complete<>());
    }

    @Override
    public void error(Throwable failure) {
        arrived(new FlowEvent.Error<>(failure));
    }

    private void arrived(FlowEvent<T> event) {
        events.add(event);
        Signal waiting = arrival;
        if (waiting != null) {
            waiting.fire();
        }
    }

    // --- the test's side (test thread) ---

    @Override
    public String name() {
        return label;
    }

    @Override
    public FlowEvent<T> awaitEvent() {
        scope.ensureDrivable("FlowProbe.await…");
        FlowEvent<T> event = events.poll();
        if (event != null) {
            return event;
        }
        if (cancelled) {
            throw new AssertionError(ProbeFailures.cancelled(name));
        }
        Signal signal = new Signal();
        arrival = signal;
        try {
            if (events.isEmpty()) {
                boolean arrived = scope.driveUntil(signal, System.nanoTime() + waitLimit.toNanos());
                if (!arrived && events.isEmpty()) {
                    throw new AssertionError(ProbeFailures.noEvent(name, waitLimit, scope.currentTime()));
                }
            }
        } finally {
            arrival = null;
        }
        return events.poll();
    }

    @Override
    public T awaitItem() {
        FlowEvent<T> event = awaitEvent();
        if (event instanceof FlowEvent.Item<T> item) {
            return item.value();
        }
        throw ProbeFailures.unexpected(name, "item", event);
    }

    @Override
    public void awaitComplete() {
        FlowEvent<T> event = awaitEvent();
        if (!(event instanceof FlowEvent.Complete<T>)) {
            throw ProbeFailures.unexpected(name, "complete", event);
        }
    }

    @Override
    public Throwable awaitError() {
        FlowEvent<T> event = awaitEvent();
        if (event instanceof FlowEvent.Error<T> error) {
            return error.failure();
        }
        throw ProbeFailures.unexpected(name, "error", event);
    }

    @Override
    public void expectNoEvents() {
        scope.ensureDrivable("FlowProbe.expectNoEvents");
        FlowEvent<T> event = events.peek();
        if (event != null) {
            throw ProbeFailures.unexpected(name, "no events", event);
        }
    }

    @Override
    public void skipItems(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("skipItems(" + count + "): the count must be 0 or more");
        }
        for (int i = 0; i < count; i++) {
            FlowEvent<T> event = awaitEvent();
            if (!(event instanceof FlowEvent.Item<T>)) {
                throw ProbeFailures.unexpected(name, "item " + (i + 1) + " of " + count + " to skip", event);
            }
        }
    }

    @Override
    public T expectMostRecentItem() {
        scope.ensureDrivable("FlowProbe.expectMostRecentItem");
        FlowEvent.Item<T> last = null;
        FlowEvent<T> event;
        while ((event = events.poll()) != null) {
            if (!(event instanceof FlowEvent.Item<T> item)) {
                throw ProbeFailures.unexpected(name, "item", event);
            }
            last = item;
        }
        if (last == null) {
            throw new AssertionError(ProbeFailures.expected(name, "at least one item", "no event"));
        }
        return last.value();
    }

    @Override
    public void cancelAndIgnoreRemainingEvents() {
        cancel();
        ignoringRest = true;
        events.clear();
    }

    @Override
    public List<FlowEvent<T>> cancelAndConsumeRemainingEvents() {
        cancel();
        List<FlowEvent<T>> rest = new ArrayList<>();
        FlowEvent<T> event;
        while ((event = events.poll()) != null) {
            rest.add(event);
        }
        return rest;
    }

    private void cancel() {
        cancelled = true;
        JobKt.cancel(collector, null);
    }

    /** Set by the test thread when it cancels the probe: later awaits fail at once instead of waiting. */
    private volatile boolean cancelled;

    /** At the end of the test: stops collecting and returns the events the test left unconsumed (unless ignored). */
    List<FlowEvent<T>> finishAtTestEnd() {
        cancel();
        return ignoringRest ? List.of() : new ArrayList<>(events);
    }

    @Override
    public String toString() {
        return "FlowProbe[" + label + ", " + events.size() + " unconsumed]";
    }
}
