package dev.herder.flow;

import java.util.List;
import org.jetbrains.annotations.ApiStatus;

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
 * <p><b>Collection</b> runs unconfined, as Turbine's: every value is recorded as it is emitted, so a
 * {@code MutableStateFlow} set several times from Java between two awaits is seen with each value, not conflated.
 *
 * <p><b>Failures</b> all read {@code Expected <what> but found <event>} ({@code Expected item but found Complete}),
 * qualified by the probe's name when it has one ({@code Expected item for results but found Complete}); a flow's
 * error is attached as the cause. A {@code CancellationException} the flow throws itself (a {@code withTimeout}
 * inside it) is an error event, as in Turbine. Events the test did not consume
 * fail the test at its end, unless it called {@link #cancelAndIgnoreRemainingEvents()}.
 *
 * @param <T> the flow's element type
 *
 * <p><b>Not for implementation.</b> Herder hands out this interface's instances; code only calls them. New methods may
 * be added in any release, so it is marked {@code @ApiStatus.NonExtendable} (IntelliJ flags an implementation).
 */
@ApiStatus.NonExtendable
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
     * Consumes the items that have arrived by now and returns the most recent one. Does not wait. As in Turbine, a
     * terminal event after the items stays where it is ({@code awaitComplete()} still sees it, and the test's end
     * does not count it as unconsumed); if it is the flow's error, that exception object itself is thrown.
     *
     * @throws AssertionError if no item has arrived
     */
    T expectMostRecentItem();

    /**
     * Waits for items, dropping those that do not match, and returns the first that does (Turbine users write this
     * loop by hand: turbine #438).
     *
     * @throws AssertionError if the flow completes or fails first, or no matching item arrives within the wait limit
     * @throws IllegalArgumentException if {@code predicate} is null
     */
    T awaitItemMatching(java.util.function.Predicate<? super T> predicate);

    /**
     * Lets {@code duration} of virtual time pass, driving the test's loop, and fails at the first item that arrives
     * meanwhile, naming it and the virtual instant it came at (turbine #268). Returns with the clock moved on by
     * {@code duration}, or earlier if the flow completes or fails (that event stays to be awaited).
     *
     * @throws AssertionError if an item arrives within {@code duration}
     * @throws IllegalArgumentException if {@code duration} is null or negative
     */
    void expectNoItemWithin(java.time.Duration duration);

    /**
     * Stops collecting, waits until the collection has really finished (its {@code onCompletion} and {@code finally}
     * blocks have run, as Turbine's {@code cancelAndJoin}), and drops every unconsumed event; the test's end will not
     * complain about them.
     */
    void cancelAndIgnoreRemainingEvents();

    /**
     * Takes the unconsumed events, in order, up to and including a terminal one; then stops collecting and waits
     * until the collection has finished, as {@link #cancelAndIgnoreRemainingEvents()}.
     */
    List<FlowEvent<T>> cancelAndConsumeRemainingEvents();
}
