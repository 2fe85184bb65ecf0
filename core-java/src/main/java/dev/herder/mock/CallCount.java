package dev.herder.mock;

/**
 * How many times a call must have happened, for {@link SuspendMockk#coVerify(Object, CallCount, MockCall)}:
 * {@code exactly(n)}, {@code atLeast(n)}, {@code atMost(n)}, {@code never()} (the names of mockk's parameters).
 */
public final class CallCount {
    final int atLeast;
    final int atMost;
    final int exactly;
    final boolean inverse;

    private CallCount(int atLeast, int atMost, int exactly, boolean inverse) {
        this.atLeast = atLeast;
        this.atMost = atMost;
        this.exactly = exactly;
        this.inverse = inverse;
    }

    /** Exactly {@code n} times. */
    public static CallCount exactly(int n) {
        requireNotNegative(n, "exactly");
        return new CallCount(1, Integer.MAX_VALUE, n, false);
    }

    /** At least {@code n} times. */
    public static CallCount atLeast(int n) {
        requireNotNegative(n, "atLeast");
        return new CallCount(n, Integer.MAX_VALUE, -1, false);
    }

    /** At most {@code n} times. */
    public static CallCount atMost(int n) {
        requireNotNegative(n, "atMost");
        return new CallCount(0, n, -1, false);
    }

    /** Not at all. */
    public static CallCount never() {
        return new CallCount(1, Integer.MAX_VALUE, -1, true);
    }

    private static void requireNotNegative(int n, String what) {
        if (n < 0) {
            throw MockFailures.negativeCount(what, n);
        }
    }

    @Override
    public String toString() {
        if (inverse) {
            return "never()";
        }
        if (exactly >= 0) {
            return "exactly(" + exactly + ")";
        }
        return atMost == Integer.MAX_VALUE ? "atLeast(" + atLeast + ")" : "atMost(" + atMost + ")";
    }
}
