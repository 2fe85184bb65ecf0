package dev.herder.flow;

/**
 * What a probed flow did: emitted an {@link Item}, completed ({@link Complete}) or failed ({@link Error}). Events
 * print as {@code Item(41)}, {@code Complete}, {@code Error(IOException)}.
 *
 * @param <T> the flow's element type
 */
public sealed interface FlowEvent<T> permits FlowEvent.Item, FlowEvent.Complete, FlowEvent.Error {

    /** The flow emitted {@code value}. */
    record Item<T>(T value) implements FlowEvent<T> {
        @Override
        public String toString() {
            return "Item(" + value + ")";
        }
    }

    /** The flow completed normally. */
    record Complete<T>() implements FlowEvent<T> {
        @Override
        public String toString() {
            return "Complete";
        }
    }

    /** The flow failed with {@code failure}. */
    record Error<T>(Throwable failure) implements FlowEvent<T> {
        @Override
        public String toString() {
            return "Error(" + failure.getClass().getSimpleName() + ")";
        }
    }
}
