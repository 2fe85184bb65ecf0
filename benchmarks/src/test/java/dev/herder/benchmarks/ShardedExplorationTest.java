package dev.herder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code herder.schedule.shard=k/4} across four real Surefire forks: benchmarks/pom.xml's {@code shard-demo-k-of-4}
 * executions run {@link ShardedExplorationTestCase} (an exploration of {@value ShardedExplorationTestCase#RUNS} seeds)
 * as shard k of 4, each in a JVM of its own with base seed {@value #BASE_SEED}, before this test; here the same
 * exploration runs unsharded, in this JVM, and the seeds the forks recorded are compared with its seeds.
 */
class ShardedExplorationTest {
    /** The base seed of every run: the same as the pom's {@code herder.schedule.seed} for the shard-demo executions. */
    static final String BASE_SEED = "4711";

    private static final Path RECORDS = Path.of("target", "shard-demo");
    private static final int SHARDS = 4;

    private static List<String> unsharded;
    private static List<List<String[]>> shards;

    @BeforeAll
    static void runUnshardedAndReadTheShardsRecords() throws IOException {
        Events invocations = EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(ShardedExplorationTestCase.class))
            .configurationParameter("herder.schedule.seed", BASE_SEED)
            .execute().testEvents();
        invocations.assertStatistics(stats -> stats.started(ShardedExplorationTestCase.RUNS)
            .succeeded(ShardedExplorationTestCase.RUNS));
        unsharded = invocations.finished().map(event -> event.getTestDescriptor().getDisplayName()).toList();
        shards = new ArrayList<>();
        for (int k = 1; k <= SHARDS; k++) {
            shards.add(read("shard-" + k + "-of-" + SHARDS));
        }
    }

    @Test
    void theUnshardedRunExploresEachSeedOnce() {
        assertThat(unsharded).hasSize(ShardedExplorationTestCase.RUNS).doesNotHaveDuplicates()
            .allMatch(name -> name.matches("seed=0x[0-9A-F]{16}"));
    }

    @Test
    void theFourShardsRunExactlyTheSeedsOfTheUnshardedRunEachOnce() {
        List<String> all = new ArrayList<>();
        for (List<String[]> shard : shards) {
            all.addAll(seeds(shard));
        }
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(unsharded);
    }

    @Test
    void shardKRunsEveryFourthSeedFromTheKth() {
        for (int k = 1; k <= SHARDS; k++) {
            int first = k - 1;
            assertThat(seeds(shards.get(k - 1))).as("shard %d/%d", k, SHARDS)
                .containsExactlyElementsOf(IntStream.range(0, unsharded.size()).filter(i -> i % SHARDS == first)
                    .mapToObj(unsharded::get).toList());
        }
    }

    @Test
    void eachShardRanInAJvmOfItsOwn() {
        Set<String> pids = new HashSet<>();
        pids.add(Long.toString(ProcessHandle.current().pid()));
        for (List<String[]> records : shards) {
            Set<String> pidsOfShard = new HashSet<>();
            records.forEach(record -> pidsOfShard.add(record[0]));
            assertThat(pidsOfShard).as("the pids of one shard's records").hasSize(1);
            assertThat(pids.add(pidsOfShard.iterator().next())).as("a JVM of its own").isTrue();
        }
    }

    private static List<String[]> read(String shard) throws IOException {
        Path file = RECORDS.resolve(shard + ".txt");
        assertThat(file).as("the record of the shard-demo-%s execution of benchmarks/pom.xml, which `mvn verify` runs"
            + " before this test", shard).exists();
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> line.split(" ", 2)).toList();
    }

    private static List<String> seeds(List<String[]> records) {
        return records.stream().map(record -> record[1]).toList();
    }
}
