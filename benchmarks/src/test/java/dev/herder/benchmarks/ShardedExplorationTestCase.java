package dev.herder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.benchmarks.bugs.CoroutineBug;
import dev.herder.benchmarks.bugs.CoroutineBugsKt;
import dev.herder.benchmarks.bugs.Outcome;
import dev.herder.benchmarks.bugs.ProgramRun;
import dev.herder.junit.ExploreSchedules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * One exploration, run as shard k of 4 by benchmarks/pom.xml's {@code shard-demo-k-of-4} Surefire executions (each in
 * a JVM of its own) and unsharded by {@link ShardedExplorationTest}, all with the same {@code herder.schedule.seed}. In
 * the forks, every invocation appends its JVM's pid and its name ({@code seed=0x…}) to the file the system property
 * {@value #SEEDS_FILE} names. Never run by the default test execution.
 */
class ShardedExplorationTestCase {
    /** The system property naming the file this JVM's invocations are recorded in. */
    static final String SEEDS_FILE = "herder.shardDemo.seedsFile";

    /** The {@code runs} of the exploration. */
    static final int RUNS = 24;

    private static final CoroutineBug CARTER01 = CoroutineBugsKt.getCOROUTINE_BUGS().stream()
        .filter(bug -> bug.getName().equals("Carter01")).findFirst().orElseThrow();

    @BeforeAll
    static void startAFreshRecord() throws IOException {
        Path file = seedsFile();
        if (file != null) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        }
    }

    @ExploreSchedules(runs = RUNS)
    void theFixedCarter01NeverDeadlocks(CoroutineTestScope scope, TestInfo invocation) throws IOException {
        ProgramRun run = new ProgramRun(CARTER01.getFixed());
        scope.launch(run::start);
        scope.advanceUntilIdle();

        Path file = seedsFile();
        if (file != null) {
            Files.writeString(file, ProcessHandle.current().pid() + " " + invocation.getDisplayName() + "\n",
                StandardOpenOption.APPEND);
        }
        assertThat(run.outcome()).isEqualTo(Outcome.PASSED);
    }

    private static Path seedsFile() {
        String name = System.getProperty(SEEDS_FILE);
        return name == null ? null : Path.of(name);
    }
}
