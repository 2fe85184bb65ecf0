package dev.herder.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs one coroutine test under many {@linkplain dev.herder.Schedule explored schedules}, one invocation per seed,
 * named {@code seed=0x…}: the tasks due at one virtual instant run in a different order each time, so a bug that hides
 * behind kotlinx's arrival order shows up — and its strategy and seed replay it exactly.
 *
 * <pre>{@code
 * @ExploreSchedules(runs = 200)
 * void transfersNeverLoseMoney(CoroutineTestScope scope) { ... }
 *
 * @ExploreSchedules(seeds = {0x5EEDL})      // replay the seed a failure named
 * void transfersNeverLoseMoney(CoroutineTestScope scope) { ... }
 * }</pre>
 *
 * <p>The seeds of a {@link #runs()} exploration derive from a base seed that is random per run, unless the
 * configuration parameter or system property {@code herder.schedule.seed} fixes it (decimal, or hexadecimal with
 * {@code 0x}). A failing invocation fails with the test's own exception, carrying a suppressed exception that says
 * how to replay it and shows the interleaving it ran. The first failing invocation of an exploration is also
 * <em>shrunk</em>: Herder re-runs the method (on the same test instance, without its {@code @BeforeEach}) under
 * replays with fewer deviations from kotlinx's order, and reports the smallest that fails the same way as a
 * {@link #replay()} string with a table of where it deviates. The configuration parameter {@code herder.schedule.shrink}
 * sets the budget ({@code 200/5s}, the default: at most 200 runs and 5 seconds; {@code off} or {@code 0}: no shrinking).
 *
 * <p>The {@link #strategy()} draws each order: {@link Strategy#PCT PCT} of {@link #depth()} 3 unless the annotation
 * or the configuration parameter {@code herder.schedule.strategy} ({@code shuffled}, {@code pos}, {@code pct},
 * {@code pct:2}) says otherwise — it found the bugs of Herder's coroutine bug benchmark in the fewest schedules
 * (benchmarks/README.md).
 * The configuration parameter {@code herder.schedule.shard=k/n} runs only shard {@code k} of {@code n} of a
 * {@link #runs()} exploration: every n-th seed, so that the {@code n} shards together run exactly the seeds of one
 * unsharded run (it needs {@code herder.schedule.seed}, the base the shards share); {@link #seeds()} ignore it.
 *
 * <p>With {@link DispatcherTest} on the same method, every seed runs on every listed kind (one invocation each, named
 * {@code [UNCONFINED_TEST] seed=0x…}); a shuffled schedule needs virtual time, so the list may name only
 * {@code STANDARD_TEST} and {@code UNCONFINED_TEST}. {@link CoroutineTest} or {@code @Test} on the same method is a
 * configuration error: it would run the method once more, outside the exploration.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(HerderExtension.class)
public @interface ExploreSchedules {
    /**
     * How many seeds to explore: when not set ({@code -1}), 100. Declare either
     * {@code runs} or {@link #seeds()}: both together are a configuration error.
     */
    int runs() default Configuration.RUNS_UNSET;

    /**
     * Exactly these seeds, in order (replaying failures), instead of {@link #runs()} random ones. {@code seeds = {}}
     * is the same as not declaring seeds (Java cannot tell the two apart): the exploration runs {@link #runs()} random
     * seeds.
     */
    long[] seeds() default {};

    /**
     * Exactly this recorded order, one invocation named {@code replay=…}: the replay string a shrunk failure printed
     * ({@link dev.herder.Schedule#replay(String)}, e.g. {@code "3:2, 7:3"}), instead of seeds. It cannot be combined
     * with {@link #runs()}, {@link #seeds()}, {@link #strategy()}, {@link #depth()} or {@link #delayJitter()} (a
     * jittered replay carries its jitter in the string).
     */
    String replay() default "";

    /**
     * How each seed's order is drawn; {@link Strategy#CONFIGURED} (the default): the configuration parameter
     * {@code herder.schedule.strategy}, or PCT of depth 3 when it is not set.
     */
    Strategy strategy() default Strategy.CONFIGURED;

    /**
     * PCT's depth, from 1 to {@value dev.herder.Schedule#PCT_STEPS}: how many ordering constraints the bugs it looks
     * for need (2 or 3 find most). When not set ({@code -1}): the configuration parameter's ({@code pct:2}), else 3.
     * A depth with another strategy is a configuration error.
     */
    int depth() default Configuration.DEPTH_UNSET;

    /**
     * How far, in percent (0 to {@value dev.herder.Schedule#MAX_DELAY_JITTER}), each virtual delay may stretch or
     * shrink under each seed ({@link dev.herder.Schedule#withDelayJitter(int)}): races between delays of different
     * lengths (a 100 ms and a 120 ms fake latency) are explored too. 0, the default: delays are exact.
     */
    int delayJitter() default 0;

    /** As {@link CoroutineTest#timeout()}, for each invocation. */
    String timeout() default "";

    /** As {@link CoroutineTest#failOnNeverAwaited()}. */
    boolean failOnNeverAwaited() default true;

    /** As {@link CoroutineTest#virtualDispatchers()}: the test's IO and Default work is shuffled with the rest. */
    boolean virtualDispatchers() default false;

    /** The strategies of an exploration, as {@link dev.herder.Schedule.Strategy} has them, and "as configured". */
    enum Strategy {
        /** The configuration parameter {@code herder.schedule.strategy}, or PCT of depth 3 when it is not set. */
        CONFIGURED,
        /** {@link dev.herder.Schedule#shuffled(long)}: a uniformly random choice among tasks due together. */
        SHUFFLED,
        /** {@link dev.herder.Schedule#pct(long, int)}: random coroutine priorities with {@code depth - 1} changes. */
        PCT,
        /** {@link dev.herder.Schedule#pos(long)}: random task priorities, kept while a task waits. */
        POS
    }
}
