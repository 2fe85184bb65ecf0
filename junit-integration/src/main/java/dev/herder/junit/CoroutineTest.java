package dev.herder.junit;

import dev.herder.DispatcherKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit test that runs as a Herder coroutine test: {@code @Test} plus {@link HerderExtension}. Declare a
 * {@link dev.herder.CoroutineTestScope} parameter to drive coroutines on virtual time; a Kotlin {@code suspend fun}
 * test runs inside the test's scope (JUnit 6).
 *
 * <pre>{@code
 * @CoroutineTest(timeout = "5 s")
 * void herdsTheCat(CoroutineTestScope scope) {
 *     boolean moved = scope.await(c -> HerdKt.herd(garfield, "forward", c));
 *     assertThat(moved).isTrue();
 * }
 * }</pre>
 *
 * <p>A future started with {@code scope.future(...)} whose result the test never looks at fails the test ("… was
 * never awaited"), unless {@link #failOnNeverAwaited()} is {@code false}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(HerderExtension.class)
public @interface CoroutineTest {
    /**
     * The wall-clock timeout of the whole test in JUnit's duration format ({@code "5 s"}, {@code "500 ms"},
     * {@code "2 m"}). Empty: the configuration parameter {@code herder.test.timeout}
     * ({@code junit-platform.properties}), else 60 s.
     */
    String timeout() default "";

    /** The dispatcher the test's calls run on. */
    DispatcherKind dispatcher() default DispatcherKind.STANDARD_TEST;

    /** Whether a {@code scope.future(...)} the test never looked at fails the test. */
    boolean failOnNeverAwaited() default true;

    /**
     * Whether the test's work on {@code Dispatchers.IO}, {@code Dispatchers.Default} and their
     * {@code limitedParallelism} views runs on the test's virtual clock and thread (see
     * {@link dev.herder.TestOptions#withVirtualDispatchers(boolean)}). The configuration parameter or system property
     * {@code herder.virtualDispatchers=true} turns it on for every test on a test dispatcher. Cannot be combined with a
     * real {@link #dispatcher()}.
     */
    boolean virtualDispatchers() default false;
}
