package dev.herder.internal.scope;

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
import dev.herder.internal.Durations;
import dev.herder.internal.Failures;
import dev.herder.internal.Sneaky;

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
        if (cancelled && failure instanceof java.util.concurrent.CancellationException) {
            return;   // the probe's own cancellation, not the flow's doing
        }
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
            throw new AssertionError(ProbeFailures.cancelled(name, cancelledBy, cancelledAt));
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
        return this.<FlowEvent.Item<T>>awaitA(FlowEvent.Item.class, "item").value();
    }

    @Override
    public void awaitComplete() {
        awaitA(FlowEvent.Complete.class, "complete");
    }

    @Override
    public Throwable awaitError() {
        return this.<FlowEvent.Error<T>>awaitA(FlowEvent.Error.class, "error").failure();
    }

    /** The next event, which must be of {@code kind} ({@code what}, as Turbine words it in its failure). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <E extends FlowEvent<T>> E awaitA(Class<? extends FlowEvent> kind, String what) {
        FlowEvent<T> event = awaitEvent();
        if (kind.isInstance(event)) {
            return (E) event;
        }
        throw ProbeFailures.unexpected(name, what, event);
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
            throw new IllegalArgumentException(ProbeFailures.negativeCount(count));
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
        while ((event = events.peek()) != null) {
            if (event instanceof FlowEvent.Error<T> error) {
                terminalSeen = true;   // Turbine: the error stays, but no longer counts as unconsumed
                throw Sneaky.rethrow(error.failure());
            }
            if (!(event instanceof FlowEvent.Item<T> item)) {
                terminalSeen = true;
                break;
            }
            events.poll();
            last = item;
        }
        if (last == null) {
            throw new AssertionError(ProbeFailures.expected(name, "at least one item", "no item"));
        }
        return last.value();
    }

    @Override
    public T awaitItemMatching(java.util.function.Predicate<? super T> predicate) {
        if (predicate == null) {
            throw Failures.nullArgument("FlowProbe.awaitItemMatching", "a predicate", "item -> item.isLoaded()");
        }
        while (true) {
            FlowEvent<T> event = awaitEvent();
            if (!(event instanceof FlowEvent.Item<T> item)) {
                throw ProbeFailures.unexpected(name, "an item matching the predicate", event);
            }
            if (predicate.test(item.value())) {
                return item.value();
            }
        }
    }

    @Override
    public void expectNoItemWithin(Duration duration) {
        scope.ensureDrivable("FlowProbe.expectNoItemWithin");
        Durations.requireNotNegative(duration, "expectNoItemWithin's duration");
        long from = scope.currentTime();
        FlowEvent<T> queued = events.peek();
        if (queued instanceof FlowEvent.Item<T>) {
            throw new AssertionError(ProbeFailures.expected(name, "no item within " + Durations.human(duration),
                queued + " already there at " + from + " ms"));
        }
        if (queued != null) {
            return;   // completed or failed: no item can come
        }
        Signal signal = new Signal();
        arrival = signal;
        kotlinx.coroutines.Deferred<Object> end = scope.run().schedule("expectNoItemWithin",
            Durations.saturatedMillis(duration), signal::fire);
        try {
            scope.driveUntil(signal);
        } finally {
            arrival = null;
            JobKt.cancel(end, null);
        }
        FlowEvent<T> event = events.peek();
        if (event instanceof FlowEvent.Item<T>) {
            throw new AssertionError(ProbeFailures.expected(name, "no item within " + Durations.human(duration)
                + " (from " + from + " ms)", event + " at " + scope.currentTime() + " ms"));
        }
    }

    @Override
    public void cancelAndIgnoreRemainingEvents() {
        cancelledBy("cancelAndIgnoreRemainingEvents()");
        cancelAndJoin();
        ignoringRest = true;
        events.clear();
    }

    @Override
    public List<FlowEvent<T>> cancelAndConsumeRemainingEvents() {
        cancelledBy("cancelAndConsumeRemainingEvents()");
        List<FlowEvent<T>> rest = new ArrayList<>();
        FlowEvent<T> event;
        while ((event = events.poll()) != null) {
            rest.add(event);
            if (!(event instanceof FlowEvent.Item<T>)) {
                break;
            }
        }
        ignoringRest = true;
        cancelAndJoin();
        events.clear();
        return rest;
    }

    /** Cancels the collection and drives the test's loop until it has finished (Turbine's cancelAndJoin). */
    private void cancelAndJoin() {
        cancel();
        if (collector.isCompleted() || !scope.isDrivableHere()) {
            return;
        }
        Signal finished = new Signal();
        collector.invokeOnCompletion(cause -> {
            finished.fire();
            return kotlin.Unit.INSTANCE;
        });
        if (!scope.driveUntil(finished, System.nanoTime() + waitLimit.toNanos())) {
            throw new AssertionError(ProbeFailures.expected(name, "the cancelled collection to finish",
                "it still running after " + Durations.human(waitLimit) + " of wall-clock time: a finally or onCompletion "
                    + "block of the flow does not end"));
        }
    }

    private void cancel() {
        cancelled = true;
        JobKt.cancel(collector, null);
    }

    /** Set when expectMostRecentItem ran into the terminal event: Turbine stops counting events as unconsumed. */
    private boolean terminalSeen;

    /** Set by the test thread when it cancels the probe: later awaits fail at once instead of waiting. */
    private volatile boolean cancelled;

    /** Which call cancelled the probe, and where the test made it: an await after it says so. */
    private String cancelledBy = "the end of the test";
    private String cancelledAt = "its end";

    private void cancelledBy(String call) {
        if (!cancelled) {
            cancelledBy = call;
            cancelledAt = CallSites.callerOutside(FlowProbeImpl.class);
        }
    }

    /**
     * At the end of the test: stops collecting and returns the events the test left unconsumed (unless ignored), up
     * to and including a terminal one. As in Turbine, a CancellationException is no unconsumed event: it is what the
     * end of a test does to the collection.
     */
    List<FlowEvent<T>> finishAtTestEnd() {
        cancel();
        if (ignoringRest || terminalSeen) {
            return List.of();
        }
        List<FlowEvent<T>> unconsumed = new ArrayList<>();
        for (FlowEvent<T> event : events) {
            if (event instanceof FlowEvent.Error<T> error
                && error.failure() instanceof java.util.concurrent.CancellationException) {
                break;
            }
            unconsumed.add(event);
            if (!(event instanceof FlowEvent.Item<T>)) {
                break;
            }
        }
        return unconsumed;
    }

    /** The flow's error the test never consumed, for a test whose body failed (null if none). */
    Throwable unconsumedError() {
        if (ignoringRest || terminalSeen) {
            return null;
        }
        for (FlowEvent<T> event : events) {
            if (event instanceof FlowEvent.Error<T> error) {
                return error.failure() instanceof java.util.concurrent.CancellationException ? null : error.failure();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FlowProbe[" + label + ", " + events.size() + " unconsumed]";
    }
}
