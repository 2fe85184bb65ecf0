package dev.herder.internal.run;

import dev.herder.bridge.MainRoute;
import dev.herder.bridge.StuckCoroutine;
import dev.herder.internal.Durations;
import dev.herder.internal.Failures;
import java.time.Duration;
import java.util.List;

/**
 * The verdicts on a test's coroutines, rendered: deadlocked (who waits where), timed out (which coroutines still run,
 * where the test thread is), and coroutines leaked onto Dispatchers.Main. Each ends with what to do.
 */
final class Verdicts {
    /** Frames shown per stuck coroutine. */
    private static final int FRAMES_SHOWN = 8;

    private Verdicts() {}

    /** How a message names its test: "Coroutine test" alone for a test nobody named. */
    private static String subject(String test) {
        return Failures.UNNAMED_TEST.equals(test) ? "Coroutine test" : "Coroutine test " + test;
    }

    /** The deadlock verdict of a test with virtual dispatchers: who waits where, and what to do. */
    static String deadlock(String test, long virtualMillis, List<StuckCoroutine> stuck, boolean probes) {
        StringBuilder b = new StringBuilder()
            .append(subject(test))
            .append(" is deadlocked: every coroutine of the test is waiting for another of its coroutines (a Mutex, ")
            .append("a channel, a job or CompletableDeferred), and nothing is due on the virtual clock (virtual time ")
            .append(virtualMillis).append(" ms).");
        appendStuck(b, "Waiting coroutines", stuck, probes);
        return b.append("\nWith virtual dispatchers all of the test's work runs on its scheduler, and none of these "
            + "waits can end without another coroutine of the test: complete what they wait for (open the Gate, "
            + "complete the CompletableDeferred, send to the channel, unlock the Mutex), or take the locks in one "
            + "order.").toString();
    }

    private static void appendStuck(StringBuilder b, List<StuckCoroutine> stuck, boolean probes) {
        appendStuck(b, "Coroutines still running", stuck, probes);
    }

    private static void appendStuck(StringBuilder b, String heading, List<StuckCoroutine> stuck, boolean probes) {
        b.append("\n").append(heading).append(" (").append(stuck.size()).append("):");
        for (StuckCoroutine c : stuck) {
            b.append("\n  - \"").append(c.getName()).append("\" ").append(c.getState());
            List<StackTraceElement> frames = c.getFrames();
            for (int i = 0; i < Math.min(FRAMES_SHOWN, frames.size()); i++) {
                b.append("\n        at ").append(Frames.format(frames.get(i)));
            }
            if (frames.size() > FRAMES_SHOWN) {
                b.append("\n        ... ").append(frames.size() - FRAMES_SHOWN).append(" more");
            }
        }
        if (!probes && stuck.stream().anyMatch(c -> c.getFrames().isEmpty())) {
            b.append("\n(Where a coroutine without frames waits, for example in a channel or a flow, is found by "
                + "kotlinx-coroutines-debug's probes: add org.jetbrains.kotlinx:kotlinx-coroutines-debug to the test "
                + "dependencies and run with -Dherder.debugProbes=true.)");
        }
    }

    /**
     * The timeout message: how long, which clock, which coroutines are still running and where (suspended, or running
     * on which thread), where the test thread is, and what to do.
     */
    static String timeout(String test, Duration timeout, long virtualMillis, List<StuckCoroutine> stuck,
                                 boolean probes, String testThread, StackTraceElement[] testThreadStack) {
        StringBuilder b = new StringBuilder()
            .append(subject(test))
            .append(" timed out after ").append(Durations.human(timeout)).append(" of wall-clock time ")
            .append("(virtual time was ").append(virtualMillis).append(" ms).");
        if (stuck.isEmpty()) {
            b.append("\nNo coroutine the test started is still running.");
        } else {
            appendStuck(b, stuck, probes);
        }
        appendTestThread(b, testThread, testThreadStack);
        return b.append("\nIf the test needs longer, raise the limit with TestOptions.withTimeout(...) or ")
            .append("-Dherder.test.timeout=\"2 m\"; if a coroutine waits for something that never comes, ")
            .append("complete or cancel it (or start it in scope.backgroundScope()).").toString();
    }

    /**
     * Where the test thread was: blocked in the body's own code (its frames), waiting in one of Herder's waits (the
     * call of the test that waits), or waiting for the test's coroutines after the body returned.
     */
    private static void appendTestThread(StringBuilder b, String thread, StackTraceElement[] stack) {
        int end = stack.length;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().equals(TestDriver.class.getName())) {
                end = i;   // below this frame: the test framework calling the test
                break;
            }
        }
        List<StackTraceElement> own = new java.util.ArrayList<>();
        String waitingIn = null;
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = stack[i];
            if (Frames.isMachinery(frame)) {
                if (own.isEmpty() && Frames.isHerderApi(frame)) {
                    waitingIn = Frames.apiName(frame);
                }
                continue;
            }
            own.add(frame);
        }
        if (own.isEmpty()) {
            b.append("\nThe test body had returned; the test thread \"").append(thread)
                .append("\" was waiting for the test's coroutines to complete.");
            return;
        }
        b.append("\nThe test thread \"").append(thread).append("\" ")
            .append(waitingIn != null ? "was waiting in " + waitingIn + ", called" : "was busy or blocked")
            .append(" at:");
        for (int i = 0; i < Math.min(FRAMES_SHOWN, own.size()); i++) {
            b.append("\n        at ").append(Frames.format(own.get(i)));
        }
        if (own.size() > FRAMES_SHOWN) {
            b.append("\n        ... ").append(own.size() - FRAMES_SHOWN).append(" more");
        }
    }


    /** Coroutines of scopes the test never closed still waited on Main's clock after the test. */
    static AssertionError leakedMainCoroutines(String test, List<List<StackTraceElement>> leaks) {
        StringBuilder b = new StringBuilder()
            .append(leaks.size()).append(leaks.size() == 1 ? " coroutine" : " coroutines")
            .append(" outside the test's scope still waited on Dispatchers.Main after ")
            .append(Failures.UNNAMED_TEST.equals(test) ? "the test" : test).append(" ended, and would never end: ")
            .append(MainRoute.MAX_TIMERS_AFTER_TEST).append(" of their timers were run out on virtual time and ")
            .append("they asked for more:");
        for (List<StackTraceElement> frames : leaks) {
            b.append("\n  - ").append(frames.isEmpty() ? "(where is unknown)" : "at " + frames.get(0));
        }
        return new AssertionError(b.append("\nThey belong to a scope the test never closed, such as a view model's "
            + "CoroutineScope(Dispatchers.Main) ticking forever: cancel it at the end of the test. Herder stopped them "
            + "so the test could end.").toString());
    }

}
