package dev.herder.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.bridge.KotlinxSupport;
import dev.herder.bridge.MainRoute;
import dev.herder.bridge.StuckCoroutine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Every failure message of Herder's core, in one place: each names the thing, the clock, and what to do. */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class Failures {
    /** The name of a test nobody named (TestOptions' default): messages then say "Coroutine test", not its name. */
    public static final String UNNAMED_TEST = "coroutine test";

    /** Frames shown per stuck coroutine. */
    private static final int FRAMES_SHOWN = 8;

    private Failures() {}

    public static IllegalStateException scopeUsedAfterTest(String method) {
        return new IllegalStateException("CoroutineTestScope." + method + " was called after its test ended. "
            + "A scope is valid only inside the body of the runBlockingTest that made it; "
            + "do the work inside the test body, or start it with Coroutines.future(...) outside a test.");
    }

    public static IllegalStateException scopeUsedFromOtherThread(String method, Thread owner) {
        return new IllegalStateException("CoroutineTestScope." + method + " was called from thread '"
            + Thread.currentThread().getName() + "', but the test runs on thread '" + owner.getName() + "'. "
            + "Only the test thread may drive the test's loop; from other threads, hand work to the test with "
            + "scope.coroutineScope() or a CompletableFuture the test awaits.");
    }

    public static IllegalStateException nestedShare() {
        return new IllegalStateException("Coroutines.shareWithChildThreads was called inside another "
            + "shareWithChildThreads of the same test: the threads started inside the outer one already share the scope.");
    }

    public static IllegalStateException shareOutsideTest(String thread) {
        return new IllegalStateException("Coroutines.shareWithChildThreads was called on thread '" + thread + "', "
            + "which runs no coroutine test body. Call it from the body of runBlockingTest (or a @CoroutineTest "
            + "method, or inside CoroutineTestRule), on the test's own thread.");
    }

    /** A thread the test lent its scope to was still inside a call when the test thread had to take the scope back. */
    public static IllegalStateException scopeStillInUse(Thread holder, long waitedMillis) {
        IllegalStateException failure = new IllegalStateException("Thread '" + holder.getName() + "' was still "
            + "inside a call of the test's scope " + waitedMillis + " ms after the test thread took the scope back "
            + "(its block of shareWithChildThreads ended); it was interrupted and did not leave. A thread that uses "
            + "the scope must end its calls before the test does: join it, or let it answer interrupts. Its stack is "
            + "this failure's.");
        failure.setStackTrace(holder.getStackTrace());
        return failure;
    }

    public static IllegalStateException kotlinxMissing(LinkageError cause) {
        return new IllegalStateException("Herder needs kotlinx-coroutines-core and kotlinx-coroutines-test "
            + KotlinxSupport.OLDEST_SUPPORTED + " to " + KotlinxSupport.NEWEST_TESTED + ".x on the classpath, but "
            + "could not load them (" + cause + "). Add both, aligned by "
            + "org.jetbrains.kotlinx:kotlinx-coroutines-bom, to your test dependencies.", cause);
    }

    public static IllegalStateException kotlinxNotOpen(List<String> flags) {
        return new IllegalStateException("Herder reads a few internals of kotlinx-coroutines, and here kotlinx is a named "
            + "module on the module path (a module-info requires it), which opens none of its packages to reflection. "
            + "Run the tests with the JVM flags " + String.join(" ", flags) + " (Maven: maven-surefire-plugin's "
            + "<argLine>; Gradle: tasks.test { jvmArgs(...) }).");
    }

    public static IllegalStateException nestedTest() {
        return new IllegalStateException("Coroutines.runBlockingTest was called inside another runBlockingTest on "
            + "the same thread. Tests cannot be nested: use the outer test's scope (scope.await(...), "
            + "scope.future(...)) instead of starting a new test.");
    }

    public static IllegalStateException blockingInsideTest() {
        return new IllegalStateException("Coroutines.runBlocking was called inside runBlockingTest: it would run "
            + "on real time and could run the test's own loop behind its back. Use scope.await(...) instead.");
    }

    public static IllegalArgumentException nullCall(String method) {
        return new IllegalArgumentException(method + " needs a call but got null: pass a lambda that calls the "
            + "suspend function with the continuation, e.g. c -> repo.find(\"id\", c)");
    }

    public static IllegalArgumentException nullArgument(String method, String what, String example) {
        return new IllegalArgumentException(method + " needs " + what + " but got null: pass e.g. " + example);
    }

    public static IllegalArgumentException blankArgument(String method, String what, String example) {
        return new IllegalArgumentException(method + " needs " + what + " but got a blank one: pass e.g. " + example);
    }

    public static IllegalArgumentException shuffleOnRealTime(String dispatcher, dev.herder.Schedule schedule) {
        return new IllegalArgumentException("An explored schedule orders the tasks due at one virtual instant, and "
            + dispatcher + " runs on real time, where threads decide the order: the two cannot be combined. Drop "
            + "withSchedule(...) (" + schedule + "), or drop withDispatcher(...) to run on a test dispatcher.");
    }

    public static IllegalArgumentException virtualDispatchersOnRealTime(String dispatcher) {
        return new IllegalArgumentException("Virtual dispatchers run the test's Dispatchers.IO and Dispatchers.Default "
            + "work on the test's virtual clock, and the test itself on " + dispatcher + " runs on real time: the two "
            + "cannot be combined. Drop withVirtualDispatchers(true) to run on the real dispatcher, or drop "
            + "withDispatcher(...) to run on virtual time.");
    }

    public static IllegalStateException virtualDispatchersNotAttached(Throwable cause) {
        return new IllegalStateException("Virtual dispatchers could not attach Herder's hooks to kotlinx's "
            + "Dispatchers.IO/Default in this JVM (" + cause + "). Allow agents to attach at run time: on JDK 21+ run "
            + "the tests with -XX:+EnableDynamicAgentLoading, and do not pass -XX:+DisableAttachMechanism; or run "
            + "the test without withVirtualDispatchers(true).", cause);
    }

    public static IllegalStateException virtualDispatchersUnsupported(String what) {
        return new IllegalStateException("Virtual dispatchers do not fit the kotlinx-coroutines on the classpath: "
            + what + ". They are tested on kotlinx-coroutines " + KotlinxSupport.OLDEST_SUPPORTED + " to "
            + KotlinxSupport.NEWEST_TESTED + ".x; run the test without withVirtualDispatchers(true).");
    }

    public static IllegalArgumentException invalidDuration(String source, String text, Throwable cause) {
        return new IllegalArgumentException(source + " has the invalid duration '" + text + "': write a positive "
            + "number and a unit (ns, μs, ms, s, m, h, d), e.g. \"5 s\" or \"500 ms\", or ISO-8601 such as \"PT5S\"",
            cause);
    }

    public static IllegalArgumentException notPositive(String what, Duration d) {
        return new IllegalArgumentException(what + " must be a positive duration, but was " + d
            + ": pass e.g. Duration.ofSeconds(5)");
    }

    public static IllegalArgumentException negativeDelay(String what, Duration d) {
        return new IllegalArgumentException(what + " must not be negative, but was " + d
            + ": virtual time only moves forward; pass Duration.ZERO or more");
    }

    public static IllegalStateException gateUsedTwice(String what) {
        return new IllegalStateException("This Gate was already opened or failed; a Gate lets through once. "
            + "Use a new Gate for the next " + what + ".");
    }

    public static IllegalArgumentException thenReturnedNull(Object value) {
        return new IllegalArgumentException("The function given to SuspendCall.then returned null for " + value
            + ": return a call, e.g. Suspend.value(x)");
    }

    public static NullPointerException nullTask() {
        return new NullPointerException("scheduledExecutor() needs a task but got null");
    }

    public static java.util.concurrent.RejectedExecutionException scheduledExecutorShutDown() {
        return new java.util.concurrent.RejectedExecutionException(
            "The test's scheduledExecutor() was shut down; no new tasks.");
    }

    public static IllegalArgumentException periodNotPositive(long period, java.util.concurrent.TimeUnit unit) {
        return new IllegalArgumentException("period must be positive, was " + period + " " + unit);
    }

    public static IllegalStateException dispatcherStuck(Object dispatcher, long seconds) {
        return new IllegalStateException("The test's " + dispatcher + " did not stop within " + seconds + " s after "
            + "the test: a task on it is blocked and ignores interruption.");
    }

    public static IllegalStateException virtualThreadsUnavailable(ReflectiveOperationException cause) {
        return new IllegalStateException("Could not create a virtual-thread executor on JDK " + Runtime.version()
            + ": " + cause, cause);
    }

    public static IllegalStateException virtualThreadsUnavailable() {
        return new IllegalStateException("DispatcherKind.VIRTUAL_THREADS needs JDK 21 or newer, but this test "
            + "runs on JDK " + Runtime.version().feature() + " (" + System.getProperty("java.home") + "). "
            + "Run the tests on JDK 21+ or choose another DispatcherKind.");
    }

    public static IllegalStateException loopRunnerBlockingOnItself(String loopName) {
        return new IllegalStateException("LoopRunner '" + loopName + "'.runBlocking was called on the loop's own "
            + "thread and would wait for itself forever. On the loop thread, call the suspend function directly "
            + "or use submit(...) and do not wait.");
    }

    public static IllegalStateException loopRunnerClosingItself(String loopName) {
        return new IllegalStateException("LoopRunner '" + loopName + "' cannot close itself from its own thread: "
            + "close it from the thread that started it.");
    }

    public static IllegalStateException loopRunnerStuck(String loopName, long seconds) {
        return new IllegalStateException("LoopRunner '" + loopName + "' did not stop within " + seconds + " s: a call "
            + "on it blocks its thread and ignores cancellation.");
    }

    public static IllegalStateException loopRunnerNotStarted(Exception cause) {
        return new IllegalStateException("The loop thread failed to start", cause);
    }

    public static IllegalStateException loopRunnerClosed(String loopName) {
        return new IllegalStateException("LoopRunner '" + loopName + "' is closed: start a new one with "
            + "LoopRunner.start(name).");
    }

    /** Steps of a shuffled schedule shown in a replay hint: the last ones, where the failure is. */
    private static final int SCHEDULE_STEPS_SHOWN = 40;

    /**
     * How to replay a failing explored schedule (strategy, seed, depth), and the interleaving it ran: the trace of
     * {@code choices}, a traced replay of it, or none when {@code choices} is null.
     */
    public static String scheduleReplay(dev.herder.Schedule schedule, dev.herder.bridge.ScheduleChoices choices) {
        String seed = String.format(java.util.Locale.ROOT, "0x%016XL", schedule.seed());
        String factory;
        String attributes;
        String drawn;
        switch (schedule.strategy()) {
            case PCT -> {
                factory = "Schedule.pct(" + seed + ", " + schedule.depth() + ")";
                attributes = "strategy = Strategy.PCT, depth = " + schedule.depth() + ", ";
                drawn = "by PCT of depth " + schedule.depth() + " (random coroutine priorities) from that seed";
            }
            case POS -> {
                factory = "Schedule.pos(" + seed + ")";
                attributes = "strategy = Strategy.POS, ";
                drawn = "by POS (random task priorities) from that seed";
            }
            case REPLAY -> {
                factory = "Schedule.replay(\"" + schedule.replayString() + "\")";
                attributes = "";
                drawn = "";
            }
            default -> {
                factory = "Schedule.shuffled(" + seed + ")";
                attributes = "strategy = Strategy.SHUFFLED, ";
                drawn = "drawn from that seed";
            }
        }
        if (schedule.delayJitter() != 0 && schedule.strategy() != dev.herder.Schedule.Strategy.REPLAY) {
            factory += ".withDelayJitter(" + schedule.delayJitter() + ")";
            attributes += "delayJitter = " + schedule.delayJitter() + ", ";
            drawn += ", each delay stretched or shrunk by up to " + schedule.delayJitter() + " %";
        }
        StringBuilder b = new StringBuilder("This failure happened under ").append(factory);
        if (schedule.strategy() == dev.herder.Schedule.Strategy.REPLAY) {
            b.append(": kotlinx's arrival order except at the listed choice points. Replay it with ")
                .append(replayForms(schedule)).append(".");
            appendDeviations(b, choices.describedDeviations());
        } else {
            b.append(": the tasks due at one virtual instant ran in an order ").append(drawn)
                .append(". Replay exactly this interleaving with @ExploreSchedules(").append(attributes)
                .append("seeds = {").append(seed).append("}) or ")
                .append("TestOptions.defaults().withSchedule(").append(factory).append(").");
        }
        if (choices == null) {
            return b.toString();
        }
        b.append("\nThe interleaving it ran (virtual time, coroutine, where it resumed; \"1 of 3\" where the ")
            .append("schedule chose among tasks due together):");
        List<dev.herder.bridge.ScheduleChoices.Step> steps = choices.steps();
        int skipped = choices.dropped() + Math.max(0, steps.size() - SCHEDULE_STEPS_SHOWN);
        if (skipped > 0) {
            b.append("\n  ... ").append(skipped).append(" earlier steps");
        }
        for (dev.herder.bridge.ScheduleChoices.Step step : steps.subList(Math.max(0, steps.size() - SCHEDULE_STEPS_SHOWN), steps.size())) {
            b.append("\n  ").append(String.format(java.util.Locale.ROOT, "%6d ms", step.getTime()))
                .append("  \"").append(step.getCoroutine()).append('"');
            if (step.getResumedAt() != null) {
                b.append(" at ").append(step.getResumedAt());
            }
            if (step.getDueTogether() > 1) {
                b.append("  (1 of ").append(step.getDueTogether()).append(")");
            }
        }
        return b.toString();
    }

    /** The two ways to replay {@code replay}: the annotation and the options. */
    private static String replayForms(dev.herder.Schedule replay) {
        String quoted = "\"" + replay.replayString() + "\"";
        return "@ExploreSchedules(replay = " + quoted + ") or TestOptions.defaults().withSchedule(Schedule.replay("
            + quoted + "))";
    }

    /** The shrinking section of a replay hint when there was no shrinking. */
    static String notShrunk(String why) {
        return "\nNot shrunk: " + why + ".";
    }

    /** The shrinking section when the recorded choices, replayed, did not fail the same way. */
    static String notReproduced(dev.herder.Schedule replay) {
        return "\nNot shrunk: replaying its choices (Schedule.replay(\"" + replay.replayString() + "\")) did not fail "
            + "the same way (the same exception from the same line), so the outcome depends on more than the order of "
            + "the test's tasks: real threads or real time, or state an earlier run left behind in objects the test "
            + "body shares. Its trace is not shown: it comes from that replay.";
    }

    /** The shrinking section: the smallest failing replay found, and a table of where it deviates. */
    static String shrunkSchedule(dev.herder.Schedule replay, dev.herder.bridge.ScheduleChoices choices, int runs,
                                 java.time.Duration took, boolean budgetRanOut, int recorded) {
        int count = replay.deviationCount();
        StringBuilder b = new StringBuilder("\nShrunk in ").append(runs).append(" run").append(runs == 1 ? "" : "s")
            .append(" (").append(took.toMillis()).append(" ms)").append(budgetRanOut
                ? ", until the shrink budget ran out (a smaller one may exist)" : "").append(": ");
        if (count == 0) {
            b.append("it fails the same way with no deviation from kotlinx's arrival order (").append(recorded)
                .append(" in the run above), so no order of the test's tasks is needed for it. Replay it with ")
                .append(replay.delayJitter() == 0 ? "Schedule.fifo(), as any test without an exploration runs"
                    : replayForms(replay)).append(".");
            return b.toString();
        }
        b.append("it fails the same way with ").append(count).append(count == 1 ? " deviation" : " deviations")
            .append(" from kotlinx's arrival order (").append(recorded).append(" in the run above). Replay it with ")
            .append(replayForms(replay)).append(".");
        appendDeviations(b, choices.describedDeviations());
        return b.toString();
    }

    /**
     * A table of deviations in the spirit of Lincheck's: a column per coroutine, a row per choice point where another
     * task than kotlinx's first-arrived one ran — "runs" in the column of the coroutine that ran, "waits" in the column
     * of the one kotlinx would have run, each with the user's frame it resumes at.
     */
    private static void appendDeviations(StringBuilder b, List<dev.herder.bridge.ScheduleChoices.Deviation> deviations) {
        if (deviations.isEmpty()) {
            return;
        }
        // a column per coroutine (by identity: one launched in Kotlin inherits its parent's name), in order of appearance
        List<Object> columns = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (dev.herder.bridge.ScheduleChoices.Deviation d : deviations) {
            if (columns.stream().noneMatch(c -> c == d.getPassedCoroutine())) {
                columns.add(d.getPassedCoroutine());
                names.add(d.getPassed());
            }
            if (columns.stream().noneMatch(c -> c == d.getRanCoroutine())) {
                columns.add(d.getRanCoroutine());
                names.add(d.getRan());
            }
        }
        List<String[]> rows = new java.util.ArrayList<>();
        String[] header = new String[columns.size() + 2];
        header[0] = "choice";
        header[1] = "time";
        for (int i = 0; i < columns.size(); i++) {
            String name = names.get(i);
            String label = "\"" + LAUNCH_SITE.matcher(name).replaceFirst("$1 at $2") + "\"";
            if (java.util.Collections.frequency(names, name) > 1) {
                label += " #" + (java.util.Collections.frequency(names.subList(0, i + 1), name));
            }
            header[i + 2] = label;
        }
        rows.add(header);
        for (dev.herder.bridge.ScheduleChoices.Deviation d : deviations) {
            String[] row = new String[columns.size() + 2];
            java.util.Arrays.fill(row, "");
            row[0] = "#" + d.getChoicePoint();
            row[1] = d.getTime() + " ms";
            boolean last = d.getPosition() == dev.herder.bridge.ScheduleChoices.LAST;
            row[indexOf(columns, d.getPassedCoroutine()) + 2] = (last ? "goes last from here" : "waits")
                + at(d.getPassedAt(), last ? ", not started" : " to start");
            String ran = (last ? "runs" : "runs (" + ordinal(d.getPosition()) + " of " + d.getDueTogether() + ")")
                + at(d.getRanAt(), ": starts");
            int column = indexOf(columns, d.getRanCoroutine()) + 2;
            row[column] = row[column].isEmpty() ? ran : row[column] + "; " + ran;
            rows.add(row);
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        b.append("\nWhere it deviates from kotlinx's order (a column per coroutine: \"runs\" ran before the one that ")
            .append("\"waits\", which kotlinx would have run first; one that \"goes last\" runs from there on only when ")
            .append("no other coroutine's task is due):");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("\n  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : " | ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            b.append(line.toString().stripTrailing());
        }
    }

    private static int indexOf(List<Object> identities, Object identity) {
        for (int i = 0; i < identities.size(); i++) {
            if (identities.get(i) == identity) {
                return i;
            }
        }
        return -1;
    }

    /** A coroutine named by the Java line that launched it, whose column header keeps only the file and line. */
    private static final java.util.regex.Pattern LAUNCH_SITE =
        java.util.regex.Pattern.compile("^(.*) at [\\w.$]+\\(([^()]+:\\d+)\\)$");

    /** Where a task of a deviation resumes its coroutine, or that it starts it (no line of the user's code yet). */
    private static String at(StackTraceElement frame, String starting) {
        if (frame == null || frame.getLineNumber() < 0 || frame.getClassName().startsWith("dev.herder.bridge.")) {
            return starting;
        }
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return " at " + simple + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber()
            + ")";
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** How a message names its test: "Coroutine test" alone for a test nobody named. */
    private static String subject(String test) {
        return UNNAMED_TEST.equals(test) ? "Coroutine test" : "Coroutine test " + test;
    }

    /** The deadlock verdict of a test with virtual dispatchers: who waits where, and what to do. */
    public static String deadlock(String test, long virtualMillis, List<StuckCoroutine> stuck, boolean probes) {
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
                b.append("\n        at ").append(frame(frames.get(i)));
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
    public static String timeout(String test, Duration timeout, long virtualMillis, List<StuckCoroutine> stuck,
                                 boolean probes, String testThread, StackTraceElement[] testThreadStack) {
        StringBuilder b = new StringBuilder()
            .append(subject(test))
            .append(" timed out after ").append(human(timeout)).append(" of wall-clock time ")
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
            if (stack[i].getClassName().equals(TestRunner.class.getName())) {
                end = i;   // below this frame: the test framework calling the test
                break;
            }
        }
        List<StackTraceElement> own = new java.util.ArrayList<>();
        String waitingIn = null;
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = stack[i];
            if (isMachinery(frame)) {
                if (own.isEmpty() && isHerderApi(frame)) {
                    waitingIn = apiName(frame);
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
            b.append("\n        at ").append(frame(own.get(i)));
        }
        if (own.size() > FRAMES_SHOWN) {
            b.append("\n        ... ").append(own.size() - FRAMES_SHOWN).append(" more");
        }
    }

    /** A frame as a reader wants it: class, method, file and line, without class loader and module names. */
    static String frame(StackTraceElement frame) {
        String where = frame.isNativeMethod() ? "Native Method"
            : frame.getFileName() == null ? "Unknown Source"
            : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    /** Frames of the waits and loops underneath a test: Herder's, kotlinx's, the JDK's parking and stack walking. */
    private static boolean isMachinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("dev.herder.internal.") || c.startsWith("dev.herder.bridge.")
            || c.equals("dev.herder.SuspendCall") || c.equals("dev.herder.Coroutines")
            || c.startsWith("kotlinx.coroutines.") || c.startsWith("kotlin.")
            || c.startsWith("jdk.internal.misc.Unsafe") || c.startsWith("java.util.concurrent.locks.LockSupport")
            || c.equals("java.lang.Thread") && frame.getMethodName().equals("getStackTrace")
            || c.contains("$$Lambda");
    }

    private static boolean isHerderApi(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.equals(DefaultCoroutineTestScope.class.getName()) || c.equals(TestFuture.class.getName())
            || c.equals(FlowProbeImpl.class.getName());
    }

    private static String apiName(StackTraceElement frame) {
        String c = frame.getClassName();
        String owner = c.equals(DefaultCoroutineTestScope.class.getName()) ? "scope"
            : c.equals(TestFuture.class.getName()) ? "future" : "probe";
        return owner + "." + frame.getMethodName() + "(...)";
    }

    /** The test cancelled its own scope: runTest fails such a test too. */
    public static AssertionError scopeCancelled(java.util.concurrent.CancellationException cancellation) {
        return new AssertionError("The test's scope was cancelled (" + cancellation.getMessage() + "): "
            + "scope.coroutineScope() was cancelled, or its job, and the coroutines of the test with it. kotlinx's "
            + "runTest fails such a test too. Cancel the coroutines you started (their jobs or futures) instead, or "
            + "start work that may be cut short in scope.backgroundScope().", cancellation);
    }

    public static IllegalStateException testInsideACoroutineOfATest(String thread) {
        return new IllegalStateException("Coroutines.runBlockingTest was called on thread '" + thread + "' from a "
            + "coroutine of a running test: it would start a second, independent test inside the first. Tests "
            + "cannot be nested: do the work in the outer test's coroutine (call the suspend function directly), or "
            + "move the inner test to a test method of its own.");
    }

    /** Coroutines of scopes the test never closed still waited on Main's clock after the test. */
    public static AssertionError leakedMainCoroutines(String test, List<List<StackTraceElement>> leaks) {
        StringBuilder b = new StringBuilder()
            .append(leaks.size()).append(leaks.size() == 1 ? " coroutine" : " coroutines")
            .append(" outside the test's scope still waited on Dispatchers.Main after ")
            .append(UNNAMED_TEST.equals(test) ? "the test" : test).append(" ended, and would never end: ")
            .append(MainRoute.MAX_TIMERS_AFTER_TEST).append(" of their timers were run out on virtual time and ")
            .append("they asked for more:");
        for (List<StackTraceElement> frames : leaks) {
            b.append("\n  - ").append(frames.isEmpty() ? "(where is unknown)" : "at " + frames.get(0));
        }
        return new AssertionError(b.append("\nThey belong to a scope the test never closed, such as a view model's "
            + "CoroutineScope(Dispatchers.Main) ticking forever: cancel it at the end of the test. Herder stopped them "
            + "so the test could end.").toString());
    }

    /** A test started futures and never looked at their results. */
    public static AssertionError neverAwaited(List<String> startedAt, Throwable firstFailure) {
        StringBuilder b = new StringBuilder();
        if (startedAt.size() == 1) {
            b.append("A coroutine started with scope.future(...) at ").append(startedAt.get(0))
                .append(" was never awaited: the test never looked at its result.");
        } else {
            b.append(startedAt.size()).append(" coroutines started with scope.future(...) were never awaited: "
                + "the test never looked at their results. They were started at:");
            for (String site : startedAt) {
                b.append("\n  - ").append(site);
            }
        }
        b.append("\nAwait it (scope.await(future), future.join(), get(), handle(...)), cancel it, or turn the check off "
            + "with @CoroutineTest(failOnNeverAwaited = false) / TestOptions.withFailOnNeverAwaited(false).");
        AssertionError error = new AssertionError(b.toString());
        if (firstFailure != null) {
            error.initCause(firstFailure);
        }
        return error;
    }

    /** The failure inside a {@code CompletionException} or {@code ExecutionException}, else {@code t} itself. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
            && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static String human(Duration d) {
        if (d.toMillis() % 1000 != 0 || d.isZero()) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() + " s";
    }
}
