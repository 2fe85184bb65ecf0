package dev.herder.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks and parses durations: JUnit's format ({@code "5 s"}, {@code "500 ms"}) and ISO-8601 ({@code "PT5S"}). */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class Durations {
    private static final Pattern JUNIT_FORMAT =
        Pattern.compile("([1-9]\\d*) ?((?:[nμm]?s)|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private Durations() {}

    /**
     * Parses {@code text} as a positive duration; a number without a unit is seconds, as in JUnit.
     *
     * @param source where the text came from, named in the error
     * @throws IllegalArgumentException if the text is neither format
     */
    public static Duration parse(String text, String source) {
        String trimmed = text.trim();
        Matcher m = JUNIT_FORMAT.matcher(trimmed);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
            return switch (unit) {
                case "ns" -> Duration.ofNanos(amount);
                case "μs" -> Duration.ofNanos(amount * 1000);
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return requirePositive(Duration.parse(trimmed), source);
        } catch (DateTimeParseException e) {
            throw Failures.invalidDuration(source, text, e);
        }
    }

    /**
     * Returns {@code d} if it is positive.
     *
     * @throws IllegalArgumentException naming {@code what} if {@code d} is null, zero or negative
     */
    public static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw Failures.notPositive(what, d);
        }
        return d;
    }

    /**
     * Returns {@code d} if it is zero or positive.
     *
     * @throws IllegalArgumentException naming {@code what} if {@code d} is null or negative
     */
    public static Duration requireNotNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw Failures.negativeDelay(what, d);
        }
        return d;
    }

    /** The longest timeout the clock arithmetic takes: about 73 years, "no practical limit". */
    private static final long LONGEST_TIMEOUT_NANOS = Long.MAX_VALUE / 4;

    /**
     * A timeout in nanoseconds for deadline arithmetic: {@code d}, or about 73 years when {@code d} is longer (a
     * timeout of {@code Duration.ofDays(365_000)} means "no practical limit", not an overflow).
     */
    public static long deadlineNanos(Duration d) {
        try {
            return Math.min(d.toNanos(), LONGEST_TIMEOUT_NANOS);
        } catch (ArithmeticException tooLong) {
            return LONGEST_TIMEOUT_NANOS;
        }
    }

    /** {@code d} in whole milliseconds, or {@code Long.MAX_VALUE} when that does not fit a {@code long}. */
    public static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The milliseconds a suspension of {@code d} lasts, as kotlinx's {@code delay(Duration)} counts them: a part of a
     * millisecond counts as a whole one, and a duration too long for a {@code long} of milliseconds is forever.
     */
    public static long delayMillis(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 0;
        }
        try {
            return d.plusNanos(999_999).toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** A duration as messages say it: whole seconds as "5 s", anything else in milliseconds. */
    public static String human(Duration d) {
        if (d.toMillis() % 1000 != 0 || d.isZero()) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() + " s";
    }
}
