package dev.herder.internal.scope;

import dev.herder.flow.FlowEvent;
import java.time.Duration;
import java.util.List;
import dev.herder.internal.Durations;
import dev.herder.internal.Failures;

/** The one place flow-probe failures are worded: {@code Expected <what> for <probe> but found <event>}. */
final class ProbeFailures {
    private ProbeFailures() {}

    /** {@code probe} is null for a probe the test did not name: then the message names none, as Turbine's. */
    static String expected(String probe, String what, String found) {
        return "Expected " + what + (probe == null ? "" : " for " + probe) + " but found " + found;
    }

    static AssertionError unexpected(String probe, String what, FlowEvent<?> event) {
        AssertionError error = new AssertionError(expected(probe, what, String.valueOf(event)));
        if (event instanceof FlowEvent.Error<?> failed) {
            error.initCause(failed.failure());
        }
        return error;
    }

    static String noEvent(String probe, Duration limit, long virtualMillis) {
        return expected(probe, "an event", "none within " + Durations.human(limit) + " of wall-clock time (virtual time "
            + virtualMillis + " ms; the test's loop ran everything it could). Make the flow emit, or give the probe "
            + "a longer limit: scope.probe(flow, name, Duration.ofSeconds(10)).");
    }

    static String negativeCount(int count) {
        return "skipItems(" + count + "): the count must be 0 or more";
    }

    /** {@code how} is the call that cancelled the probe, {@code where} the line of the test that made it. */
    static String cancelled(String probe, String how, String where) {
        return expected(probe, "an event", "none: the probe was cancelled by " + how + " at " + where
            + " and collects nothing more. Await events before cancelling it.");
    }

    static AssertionError unconsumed(List<String> lines, Throwable firstError) {
        StringBuilder b = new StringBuilder("Unconsumed events found at the end of the test:");
        for (String line : lines) {
            b.append("\n  - ").append(line);
        }
        b.append("\nConsume them (awaitItem, awaitComplete, …) or end the probe with cancelAndIgnoreRemainingEvents().");
        AssertionError error = new AssertionError(b.toString());
        if (firstError != null) {
            error.initCause(firstError);
        }
        return error;
    }

    static AssertionError unconsumedExceptions(List<String> probes, List<Throwable> errors, Throwable bodyFailure) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < probes.size(); i++) {
            b.append(i == 0 ? "" : "\n").append("Unconsumed exception found for ").append(probes.get(i)).append(": ")
                .append(errors.get(i));
        }
        b.append("\nThe test body failed first (the cause); the flow's error, which may be why, is attached as "
            + "suppressed.");
        AssertionError error = new AssertionError(b.toString(), bodyFailure);
        errors.forEach(error::addSuppressed);
        return error;
    }
}
