package dev.herder.junit;

import dev.herder.DispatcherKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs one test once per dispatcher kind, each invocation named after its kind ({@code [IO]}), so code that behaves
 * on one dispatcher and races on another is caught. {@link DispatcherKind#VIRTUAL_THREADS} is
 * reported as skipped on JDKs without virtual threads.
 *
 * <pre>{@code
 * @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.DEFAULT, DispatcherKind.IO})
 * void countsEveryVisit(CoroutineTestScope scope) { ... }
 * }</pre>
 *
 * <p>With {@link ExploreSchedules} on the same method, every seed runs on every listed kind, which must then be test
 * dispatchers ({@code STANDARD_TEST}, {@code UNCONFINED_TEST}). {@link CoroutineTest} or {@code @Test} on the same
 * method is a configuration error: it would run the method once more, besides the invocation per kind.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(HerderExtension.class)
public @interface DispatcherTest {
    /** The kinds to run on, in order; empty means every {@link DispatcherKind}. */
    DispatcherKind[] value() default {};

    /** As {@link CoroutineTest#timeout()}, for each invocation. */
    String timeout() default "";

    /** As {@link CoroutineTest#failOnNeverAwaited()}. */
    boolean failOnNeverAwaited() default true;
}
