package dev.herder.junit4;

import dev.herder.CoroutineTestScope;
import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Coroutines;
import dev.herder.TestOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import org.junit.runners.model.TestTimedOutException;

/**
 * Runs each JUnit 4 test method, with its {@code @Before} and {@code @After} methods, as one coroutine test: Herder's
 * answer to the {@code MainDispatcherRule} that Android and mixed codebases copy by hand.
 *
 * <pre>{@code
 * public class HerdTest {
 *     @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();
 *
 *     @Test public void herds() {
 *         CoroutineTestScope scope = coroutines.scope();
 *         boolean moved = scope.await(c -> HerdKt.herd(cat, "forward", c));
 *         assertTrue(moved);
 *         assertEquals(1_000, scope.currentTime());   // virtual time
 *     }
 * }
 * }</pre>
 *
 * <p>While a method runs, exactly as with {@link Coroutines#runBlockingTest}: virtual time; {@code Dispatchers.Main}
 * is the test's own dispatcher (routed per test, so {@code ParallelComputer} and parallel Maven runs are safe); the
 * coroutines the test started are waited for at its end; a failure of any of them fails the test with the very
 * exception thrown; a test past its wall-clock timeout fails with a {@code CoroutineTestTimeoutError} naming each
 * stuck coroutine and where it waits. The test method runs on the thread JUnit runs it on (a {@code Timeout} rule's
 * thread, when one wraps this rule); if that thread is interrupted during a wait, the test stops there.
 *
 * <p>JUnit 4 as it is written works as {@code MainDispatcherRule} with {@code runTest} inside the method does:
 * <ul>
 *   <li>{@code @Test(timeout = …)}, or a {@code Timeout} rule inside this one, runs the method on a thread of JUnit's
 *       while {@code @Before} and {@code @After} run on the test's thread: the rule shares the coroutine test with
 *       the threads the test's thread starts ({@link Coroutines#shareWithChildThreads}), one at a time. When
 *       JUnit's timeout passes, the test fails with JUnit's {@code TestTimedOutException}, whatever followed it
 *       attached as suppressed.</li>
 *   <li>{@code @Test(expected = X.class)} is also met by a coroutine of the test that fails with {@code X} at the
 *       end-of-test wait; if none does, JUnit's own "Expected exception: X" stands.</li>
 * </ul>
 *
 * <p>Use it as a {@code @Rule} (one per test instance), not a {@code @ClassRule}. Combine it with other rules as usual;
 * to fix the order, use {@code RuleChain} — for example {@code Timeout} either side, {@code ExpectedException} either
 * side (outside, it also sees a coroutine's failure at the end of the test).
 */
public final class CoroutineTestRule implements TestRule {
    private final TestOptions options;
    private volatile CoroutineTestScope scope;

    /**
     * A rule with the {@linkplain TestOptions#defaults() default options} and the never-awaited check on (a future the
     * test started and never looked at fails it), as {@code @CoroutineTest} does.
     */
    public CoroutineTestRule() {
        this(TestOptions.defaults().withFailOnNeverAwaited(true));
    }

    /**
     * A rule running each test with {@code options} (dispatcher, timeout, never-awaited check); the test's name in
     * messages is its JUnit display name.
     *
     * @throws IllegalArgumentException if {@code options} is null
     */
    public CoroutineTestRule(TestOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("CoroutineTestRule needs options, e.g. "
                + "new CoroutineTestRule(TestOptions.defaults().withTimeout(Duration.ofSeconds(5)))");
        }
        this.options = options;
    }

    /**
     * The scope of the test that is running: await suspend calls, start coroutines, move virtual time.
     *
     * @throws IllegalStateException outside a running test method (and its {@code @Before}/{@code @After} methods)
     */
    public CoroutineTestScope scope() {
        CoroutineTestScope current = scope;
        if (current == null) {
            throw new IllegalStateException("CoroutineTestRule.scope() was called outside a running test. It works "
                + "only while a test method of the class declaring the rule runs, including its @Before and @After "
                + "methods: not in a constructor, a field initializer, @BeforeClass or @AfterClass. Declare the rule "
                + "as a public @Rule field (not a @ClassRule) and call scope() inside the test.");
        }
        return current;
    }

    /** The options each test runs with. */
    public TestOptions options() {
        return options;
    }

    @Override
    public Statement apply(Statement base, Description description) {
        if (description.isSuite()) {
            throw new IllegalStateException("CoroutineTestRule on " + description.getDisplayName() + " is used as a "
                + "@ClassRule; it runs one coroutine test per test method, so declare it as a @Rule: "
                + "@Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();");
        }
        TestOptions named = options.withName(description.getDisplayName());
        Test test = description.getAnnotation(Test.class);
        Class<? extends Throwable> expected = test == null || test.expected() == Test.None.class ? null : test.expected();
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                runAsCoroutineTest(base, named, expected);
            }
        };
    }

    /**
     * Runs {@code base} — the method with its {@code @Before}/{@code @After} methods and inner rules — as one coroutine
     * test, shared with the threads it starts: {@code @Test(timeout = …)} and an inner {@code Timeout} rule run the
     * method on a thread of their own. JUnit's timeout is what the test fails with, whatever else followed it
     * (attached as suppressed); and the {@code expected} exception of {@code @Test} may come from a coroutine the
     * test started, as it would from {@code runTest} inside the method.
     */
    private void runAsCoroutineTest(Statement base, TestOptions named, Class<? extends Throwable> expected)
        throws Throwable {
        AtomicReference<TestTimedOutException> timedOut = new AtomicReference<>();
        AtomicReference<AssertionError> notThrown = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        try {
            Coroutines.runBlockingTest(named, running -> {
                scope = running;
                // under an explored schedule a failing test runs again to shrink its schedule: only the first run's
                // outcome is the test's
                boolean first = runs.getAndIncrement() == 0;
                try {
                    Coroutines.shareWithChildThreads(shared -> {
                        try {
                            base.evaluate();
                        } catch (TestTimedOutException e) {
                            if (first) {
                                timedOut.set(e);
                            }
                            throw e;
                        } catch (AssertionError e) {
                            if (!isExpectedExceptionNotThrown(e, expected)) {
                                throw e;
                            }
                            if (first) {
                                notThrown.set(e);   // the coroutines have not finished yet: one of them may throw it
                            }
                        }
                    });
                } finally {
                    scope = null;
                }
            });
        } catch (Throwable failure) {
            TestTimedOutException timeout = timedOut.get();
            if (timeout != null) {
                if (failure != timeout) {
                    timeout.addSuppressed(failure);
                }
                throw timeout;
            }
            AssertionError missing = notThrown.get();
            if (missing != null) {
                // a coroutine of the test threw what the test expects; a timeout of the coroutine test is Herder's
                // verdict, never the exception a test expects (even one expecting an AssertionError)
                if (expected.isInstance(failure) && !(failure instanceof CoroutineTestTimeoutError)) {
                    return;
                }
                failure.addSuppressed(missing);
            }
            throw failure;
        }
        if (notThrown.get() != null) {
            throw notThrown.get();
        }
    }

    /** Whether {@code failure} is JUnit's own "Expected exception: X" for the {@code expected} of {@code @Test}. */
    private static boolean isExpectedExceptionNotThrown(AssertionError failure, Class<? extends Throwable> expected) {
        return expected != null && failure.getClass() == AssertionError.class
            && ("Expected exception: " + expected.getName()).equals(failure.getMessage());
    }

    @Override
    public String toString() {
        return "CoroutineTestRule[" + options + "]";
    }
}
