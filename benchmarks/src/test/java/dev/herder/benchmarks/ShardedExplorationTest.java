package dev.herder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code herder.schedule.shard=k/4} across four real Surefire forks: benchmarks/pom.xml's {@code shard-demo-*}
 * executions run {@link ShardedExplorationTestCase} (an exploration of {@value ShardedExplorationTestCase#RUNS} seeds
 * from base seed 4711) once unsharded and once per shard, each in its own JVM, before this test; here the records they
 * wrote are compared.
 */
class ShardedExplorationTest {
    private static final Path RECORDS = Path.of("target", "shard-demo");
    private static final int SHARDS = 4;

    private static List<String[]> unsharded;
    private static List<List<String[]>> shards;

    @BeforeAll
    static void readTheRecords() throws IOException {
        unsharded = read("unsharded");
        shards = new ArrayList<>();
        for (int k = 1; k <= SHARDS; k++) {
            shards.add(read("shard-" + k + "-of-" + SHARDS));
        }
    }

    @Test
    void theUnshardedRunExploresEverySeedOnce() {
        assertThat(seeds(unsharded)).hasSize(ShardedExplorationTestCase.RUNS).doesNotHaveDuplicates();
    }

    @Test
    void theFourShardsRunExactlyTheSeedsOfTheUnshardedRunEachOnce() {
        List<String> all = new ArrayList<>();
        for (List<String[]> shard : shards) {
            assertThat(shard).as("a shard of %d seeds", ShardedExplorationTestCase.RUNS).isNotEmpty();
            all.addAll(seeds(shard));
        }
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seeds(unsharded));
    }

    @Test
    void shardKRunsEveryFourthSeedFromTheKth() {
        List<String> expected = seeds(unsharded);
        for (int k = 1; k <= SHARDS; k++) {
            int first = k - 1;
            assertThat(seeds(shards.get(k - 1))).as("shard %d/%d", k, SHARDS)
                .containsExactlyElementsOf(IntStream.range(0, expected.size()).filter(i -> i % SHARDS == first)
                    .mapToObj(expected::get).toList());
        }
    }

    @Test
    void eachShardRanInAJvmOfItsOwn() {
        Set<String> pids = new HashSet<>();
        pids.add(Long.toString(ProcessHandle.current().pid()));
        for (List<String[]> records : shards) {
            Set<String> pidsOfShard = new HashSet<>();
            records.forEach(record -> pidsOfShard.add(record[0]));
            assertThat(pidsOfShard).hasSize(1);
            assertThat(pids.add(pidsOfShard.iterator().next())).as("a JVM of its own").isTrue();
        }
        assertThat(pids).hasSize(SHARDS + 1);
    }

    private static List<String[]> read(String run) throws IOException {
        Path file = RECORDS.resolve(run + ".txt");
        assertThat(file).as("the record of the shard-demo-%s execution of benchmarks/pom.xml: run `mvn -B verify -pl"
            + " benchmarks -am`, which runs it before this test", run).exists();
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> line.split(" ", 2)).toList();
    }

    private static List<String> seeds(List<String[]> records) {
        return records.stream().map(record -> record[1]).toList();
    }
}
