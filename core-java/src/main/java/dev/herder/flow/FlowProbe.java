package dev.herder.flow;

import java.util.List;

/**
 * A probe on a flow collected by the test: Turbine's vocabulary for Java. Get one with
 * {@code scope.probe(flow)}; collection starts at once, so a {@code StateFlow}'s current value is the first item.
 *
 * <pre>{@code
 * FlowProbe<String> results = scope.probe(search.results(), "results");
 * search.query("ca");
 * search.query("cat");
 * assertThat(results.awaitItem()).isEqualTo("cat");           // debounced: arrives 300 ms later
 * assertThat(scope.currentTime()).isEqualTo(300);
 * results.cancelAndIgnoreRemainingEvents();
 * }</pre>
 *
 * <p><b>Waiting.</b> The {@code await…} methods drive the test's loop, advancing virtual time, and return at the exact
 * virtual instant of the event. Each wait is also bounded by the probe's wall-clock limit (3 s unless given), so a
 * flow that never emits fails the test instead of hanging it. Only the test thread may call them.
 *
 * <p><b>Failures</b> all read {@code Expected <what> but found <event>} ({@code Expected item but found Complete}),
 * qualified by the probe's name when it has one ({@code Expected item for results but found Complete}); a flow's
 * error is attached as the cause. Events the test did not consume
 * fail the test at its end, unless it called {@link #cancelAndIgnoreRemainingEvents()}.
 *
 * @param <T> the flow's element type
 */
public interface FlowProbe<T> {

    /** The probe's name: the one given to {@code scope.probe(flow, name)}, else {@code "probe #n"}. */
    String name();

    /**
     * Waits for the next event and returns it if it is an item.
     *
     * @throws AssertionError if the next event is completion or an error (attached as the cause), or if none
     *     arrives within the wall-clock limit
     */
    T awaitItem();

    /**
     * Waits for the next event and checks it is completion.
     *
     * @throws AssertionError if the next event is an item or an error, or none arrives in time
     */
    void awaitComplete();

    /**
     * Waits for the next event and returns its failure if it is an error.
     *
     * @throws AssertionError if the next event is an item or completion, or none arrives in time
     */
    Throwable awaitError();

    /** Waits for the next event, whatever it is. @throws AssertionError if none arrives in time */
    FlowEvent<T> awaitEvent();

    /**
     * Checks that no event has arrived by now. Does not wait and does not move virtual time.
     *
     * @throws AssertionError naming the first unconsumed event
     */
    void expectNoEvents();

    /**
     * Waits for {@code count} items and drops them.
     *
     * @throws AssertionError if an event among them is not an item
     */
    void skipItems(int count);

    /**
     * Consumes every event that has arrived by now and returns the most recent item. Does not wait.
     *
     * @throws AssertionError if no item has arrived, or completion or an error is among the events
     */
    T expectMostRecentItem();

    /** Stops collecting and drops every unconsumed event; the test's end will not complain about them. */
    void cancelAndIgnoreRemainingEvents();

    /** Stops collecting and returns every unconsumed event, in order. */
    List<FlowEvent<T>> cancelAndConsumeRemainingEvents();
}
