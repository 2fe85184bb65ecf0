package dev.herder.internal.run;

import dev.herder.Schedule;
import dev.herder.bridge.ScheduleChoices;
import java.util.List;

/**
 * What a failing explored schedule tells the user: how to replay it (strategy and seed, or its shrunk choices), the
 * interleaving it ran, and how shrinking went, with a table of the deviations that still fail.
 */
final class ScheduleReports {
    private ScheduleReports() {}

    /** Steps of a shuffled schedule shown in a replay hint: the last ones, where the failure is. */
    private static final int SCHEDULE_STEPS_SHOWN = 40;

    /**
     * How to replay a failing explored schedule (strategy, seed, depth), and the interleaving it ran: the trace of
     * {@code choices}, a traced replay of it, or none when {@code choices} is null.
     */
    static String scheduleReplay(Schedule schedule, ScheduleChoices choices) {
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
        if (schedule.delayJitter() != 0 && schedule.strategy() != Schedule.Strategy.REPLAY) {
            factory += ".withDelayJitter(" + schedule.delayJitter() + ")";
            attributes += "delayJitter = " + schedule.delayJitter() + ", ";
            drawn += ", each delay stretched or shrunk by up to " + schedule.delayJitter() + " %";
        }
        StringBuilder b = new StringBuilder("This failure happened under ").append(factory);
        if (schedule.strategy() == Schedule.Strategy.REPLAY) {
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
        List<ScheduleChoices.Step> steps = choices.steps();
        int skipped = choices.dropped() + Math.max(0, steps.size() - SCHEDULE_STEPS_SHOWN);
        if (skipped > 0) {
            b.append("\n  ... ").append(skipped).append(" earlier steps");
        }
        for (ScheduleChoices.Step step : steps.subList(Math.max(0, steps.size() - SCHEDULE_STEPS_SHOWN), steps.size())) {
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
    private static String replayForms(Schedule replay) {
        String quoted = "\"" + replay.replayString() + "\"";
        return "@ExploreSchedules(replay = " + quoted + ") or TestOptions.defaults().withSchedule(Schedule.replay("
            + quoted + "))";
    }

    /** The shrinking section of a replay hint when there was no shrinking. */
    static String notShrunk(String why) {
        return "\nNot shrunk: " + why + ".";
    }

    /** The shrinking section when the recorded choices, replayed, did not fail the same way. */
    static String notReproduced(Schedule replay) {
        return "\nNot shrunk: replaying its choices (Schedule.replay(\"" + replay.replayString() + "\")) did not fail "
            + "the same way (the same exception from the same line), so the outcome depends on more than the order of "
            + "the test's tasks: real threads or real time, or state an earlier run left behind in objects the test "
            + "body shares. Its trace is not shown: it comes from that replay.";
    }

    /** The shrinking section: the smallest failing replay found, and a table of where it deviates. */
    static String shrunkSchedule(Schedule replay, ScheduleChoices choices, int runs,
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
    private static void appendDeviations(StringBuilder b, List<ScheduleChoices.Deviation> deviations) {
        if (deviations.isEmpty()) {
            return;
        }
        // a column per coroutine (by identity: one launched in Kotlin inherits its parent's name), in order of appearance
        List<Object> columns = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (ScheduleChoices.Deviation d : deviations) {
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
        for (ScheduleChoices.Deviation d : deviations) {
            String[] row = new String[columns.size() + 2];
            java.util.Arrays.fill(row, "");
            row[0] = "#" + d.getChoicePoint();
            row[1] = d.getTime() + " ms";
            boolean last = d.getPosition() == ScheduleChoices.LAST;
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
        if (frame == null || frame.getLineNumber() < 0 || Frames.isHerder(frame.getClassName())) {
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

}
