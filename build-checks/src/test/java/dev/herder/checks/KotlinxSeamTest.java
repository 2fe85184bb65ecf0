package dev.herder.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One seam, really: the kotlinx-coroutines internals Herder borrows are named only in the bridge's
 * {@code dev.herder.bridge.kotlinx} package, where each is pinned by a contract test that CI runs on every supported
 * kotlinx. Every other main source of the library (kotlin-bridge, core, the JUnit integrations) reaches them through
 * that package's members, and names none of them itself — not as a type, not as a string, not in a comment — nor opts
 * in to {@code InternalCoroutinesApi} or suppresses {@code INVISIBLE_*}.
 *
 * <p>The names looked for are the ones the seam itself names ({@link #theSeamNamesEveryNameLookedFor} keeps the list
 * honest). A use through the seam ({@code SchedulerInternals.tryRunNextTaskUnless}) is not a use of the internal.
 */
class KotlinxSeamTest {
    private static final Path ROOT = Path.of("..");
    private static final Path SEAM = ROOT.resolve("kotlin-bridge/src/main/kotlin/dev/herder/bridge/kotlinx");
    private static final List<Path> MAIN_SOURCES = List.of(ROOT.resolve("kotlin-bridge/src/main/kotlin"),
        ROOT.resolve("core-java/src/main/java"), ROOT.resolve("junit-integration/src/main/java"),
        ROOT.resolve("junit4-integration/src/main/java"));

    /** The opt-ins, suppressions and internal packages only the seam may use. */
    private static final List<String> MARKERS = List.of("InternalCoroutinesApi", "INVISIBLE_REFERENCE",
        "INVISIBLE_MEMBER", "kotlinx\\.coroutines\\.internal\\b", "kotlinx\\.coroutines\\.scheduling\\b",
        // kotlin-stdlib's internals; its public CoroutineStackFrame lives in the same package
        "kotlin\\.coroutines\\.jvm\\.internal\\.(?!CoroutineStackFrame\\b)");

    /** The kotlinx (and kotlin-stdlib) internals the seam names: classes, members, the interface `Delay`. */
    private static final List<String> INTERNALS = List.of(
        // the test scheduler
        "tryRunNextTaskUnless", "receiveDispatchEvent", "TestDispatchEvent", "processEvent", "TestScopeImpl",
        // jobs and frames
        "JobSupport", "AbstractCoroutine", "CancellableContinuationImpl", "DispatchedContinuation", "DispatchedTask",
        "LockFreeLinkedListNode", "NodeList", "JobNode", "Incomplete", "ChildContinuation", "DisposeOnCancel",
        "ResumeOnCompletion", "ResumeAwaitOnCompletion", "AwaitAllNode", "DisposeHandlersOnCancel", "ChildHandleNode",
        "TimeoutCoroutine", "ScopeCoroutine", "Finishing", "DebugProbesImpl", "CoroutineOwner", "Segment",
        "JobCancellationException", "getCompletionExceptionOrNull", "unwrapImpl", "handleCoroutineException",
        "BaseContinuationImpl",
        // dispatchers and what virtual dispatchers hook
        "LimitedDispatcher", "NamedDispatcher", "UnlimitedIoScheduler", "DefaultIoScheduler",
        "SchedulerCoroutineDispatcher", "EventLoopImplBase", "DefaultExecutor", "DefaultDelay", "Delay",
        "scheduleResumeAfterDelay", "invokeOnTimeout", "dispatchYield", "probeCoroutineCreated");

    private static final List<Pattern> FORBIDDEN = Stream.concat(MARKERS.stream(),
        INTERNALS.stream().map(name -> "\\b" + name + "\\b")).map(Pattern::compile).toList();

    /** A member of the seam, named through its object: {@code JobInternals.originalOf}, {@code JobInternals::callerOf}. */
    private static final Pattern THROUGH_THE_SEAM =
        Pattern.compile("\\b(?:KotlinxSeam|SchedulerInternals|JobInternals|DispatcherInternals)(?:\\.|::)\\w+");

    @Test
    void nothingOutsideTheSeamNamesAKotlinxInternal() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Path root : MAIN_SOURCES) {
            for (Path file : sources(root)) {
                if (!file.normalize().startsWith(SEAM.normalize())) {
                    files++;
                    violations.addAll(violationsIn(ROOT.relativize(file).toString(), Files.readAllLines(file)));
                }
            }
        }
        assertThat(files).as("main sources read outside the seam").isGreaterThan(80);
        assertThat(violations)
            .as("kotlinx internals named outside the seam (dev.herder.bridge.kotlinx): reach them through a member of "
                + "SchedulerInternals, JobInternals or DispatcherInternals, adding one (and its contract test) if need be")
            .isEmpty();
    }

    @Test
    void theSeamNamesEveryNameLookedFor() throws IOException {
        StringBuilder seam = new StringBuilder();
        for (Path file : sources(SEAM)) {
            seam.append(Files.readString(file)).append('\n');
        }
        for (Pattern forbidden : FORBIDDEN) {
            assertThat(forbidden.matcher(seam).find()).as("the seam names %s", forbidden).isTrue();
        }
    }

    @Test
    void theScanReportsEachUseOutsideTheSeamWithItsFileAndLine() {
        List<String> lines = List.of(
            "@file:OptIn(InternalCoroutinesApi::class)",
            "val heard = SchedulerInternals.listenForDispatch(scheduler, listener)",
            "return cause.getClass().getName().equals(\"kotlinx.coroutines.JobCancellationException\");",
            "private fun delayOf(route: MainRoute): Delay = route.dispatcher as? Delay ?: defaultDelay",
            "val run = SchedulerInternals.tryRunNextTaskUnless(scheduler, stop)",
            "scheduler.tryRunNextTaskUnless(stop)");
        assertThat(violationsIn("Example.kt", lines)).containsExactly(
            "Example.kt:1: InternalCoroutinesApi in: @file:OptIn(InternalCoroutinesApi::class)",
            "Example.kt:3: \\bJobCancellationException\\b in: "
                + "return cause.getClass().getName().equals(\"kotlinx.coroutines.JobCancellationException\");",
            "Example.kt:4: \\bDelay\\b in: private fun delayOf(route: MainRoute): Delay = route.dispatcher as? Delay "
                + "?: defaultDelay",
            "Example.kt:6: \\btryRunNextTaskUnless\\b in: scheduler.tryRunNextTaskUnless(stop)");
    }

    /** "file:line: pattern in: line" for each line of {@code lines} naming an internal other than through the seam. */
    private static List<String> violationsIn(String file, List<String> lines) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String outsideTheSeam = THROUGH_THE_SEAM.matcher(lines.get(i)).replaceAll("");
            for (Pattern forbidden : FORBIDDEN) {
                Matcher m = forbidden.matcher(outsideTheSeam);
                if (m.find()) {
                    found.add(file + ":" + (i + 1) + ": " + forbidden + " in: " + lines.get(i).strip());
                    break;
                }
            }
        }
        return found;
    }

    private static List<Path> sources(Path root) throws IOException {
        assertThat(root).as("a source root").isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".kt") || f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
