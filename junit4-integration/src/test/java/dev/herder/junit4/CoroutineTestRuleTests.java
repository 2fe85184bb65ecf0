package dev.herder.junit4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Schedule;
import dev.herder.TestOptions;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.Dispatchers;
import org.junit.experimental.ParallelComputer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runners.model.TestTimedOutException;

/** The rule run by JUnit 4's own runner, JUnitCore, on the *TestCase fixtures. */
@Isolated("reads the global Dispatchers.Main after parallel runs")
class CoroutineTestRuleTests {
    @Test
    void beforeTheTestAndAfterShareOneCoroutineTestOnVirtualTime() {
        Result result = JUnitCore.runClasses(VirtualTimeTestCase.class);
        assertThat(result.getFailures()).isEmpty();
        assertThat(result.getRunCount()).isEqualTo(1);
        assertThat(VirtualTimeTestCase.AFTER_SAW_THE_CLOCK).isTrue();
    }

    @Test
    void mainIsRoutedPerTestUnderParallelComputer() {
        for (int round = 0; round < 3; round++) {
            Result result = new JUnitCore().run(Request.classes(new ParallelComputer(true, true),
                ViewModelOnMainTestCase.class, ViewModelOnMainTestCase.class, ViewModelOnMainTestCase.class));
            assertThat(result.getFailures()).isEmpty();
            assertThat(result.getRunCount()).isEqualTo(75);
        }
        assertThat(catchThrowable(() -> Dispatchers.getMain().isDispatchNeeded(EmptyCoroutineContext.INSTANCE)))
            .as("Dispatchers.Main is back as it was: no Main module in this project")
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRulesOptionsCanTurnOnVirtualDispatchers() {
        Result result = JUnitCore.runClasses(VirtualDispatchersRuleTestCase.class);
        assertThat(result.getFailures()).isEmpty();
        assertThat(result.getRunCount()).isEqualTo(1);
    }

    @Test
    void failuresAreTheCoroutineTestsOwn() {
        Map<String, Throwable> failures = failuresByMethod(JUnitCore.runClasses(MisuseTestCase.class));

        assertThat(failures.get("failsWithItsOwnException")).isSameAs(MisuseTestCase.OFFLINE);
        assertThat(failures.get("neverAwaited")).isInstanceOf(AssertionError.class)
            .hasMessageContaining("was never awaited");
        assertThat(failures.get("stuck")).isInstanceOf(CoroutineTestTimeoutError.class)
            .hasMessageStartingWith("Coroutine test stuck(dev.herder.junit4.MisuseTestCase) timed out after 300 ms of "
                + "wall-clock time")
            .hasMessageContaining("\"await\" SUSPENDED");
    }

    @Test
    void worksInsideJUnitsTimeoutRuleAndAroundExpectedException() throws InterruptedException {
        Map<String, Throwable> failures = failuresByMethod(JUnitCore.runClasses(OtherRulesTestCase.class));

        assertThat(failures).containsOnlyKeys("aTestStoppedByTheTimeoutRuleEndsItsCoroutineTest");
        assertThat(failures.get("aTestStoppedByTheTimeoutRuleEndsItsCoroutineTest"))
            .isInstanceOf(TestTimedOutException.class);
        Thread stopped = OtherRulesTestCase.stoppedTestThread;
        stopped.join(10_000);
        assertThat(stopped.isAlive()).as("the interrupted test thread ended its coroutine test").isFalse();
    }

    @Test
    void aMethodWithATimeoutRunsOnJUnitsThreadInTheSameCoroutineTest() {
        Result result = JUnitCore.runClasses(TimeLimitedTestCase.class);
        assertThat(result.getFailures()).isEmpty();
        assertThat(result.getRunCount()).isEqualTo(3);
    }

    @Test
    void aTimeoutRuleInsideTheCoroutineRuleRunsTheMethodInTheSameCoroutineTest() {
        Result result = JUnitCore.runClasses(TimeoutRuleInsideTestCase.class);
        assertThat(result.getFailures()).isEmpty();
        assertThat(result.getRunCount()).isEqualTo(1);
    }

    @Test
    void mainIsRoutedPerTestForMethodsWithATimeoutUnderParallelComputer() {
        for (int round = 0; round < 3; round++) {
            Result result = new JUnitCore().run(Request.classes(new ParallelComputer(true, true),
                ViewModelOnTimeLimitedThreadTestCase.class, ViewModelOnTimeLimitedThreadTestCase.class,
                ViewModelOnTimeLimitedThreadTestCase.class));
            assertThat(result.getFailures()).isEmpty();
            assertThat(result.getRunCount()).isEqualTo(24);
        }
    }

    @Test
    void aMethodStoppedByItsTimeoutFailsWithJUnitsTimeoutAndEndsItsStuckCoroutine() throws InterruptedException {
        Result result = JUnitCore.runClasses(StuckTimeLimitedTestCase.class);

        assertThat(result.getFailures()).singleElement().extracting(Failure::getException)
            .isInstanceOf(TestTimedOutException.class)
            .extracting(Throwable::getMessage).isEqualTo("test timed out after 200 milliseconds");
        Thread stopped = StuckTimeLimitedTestCase.timeLimitedThread;
        stopped.join(10_000);
        assertThat(stopped.isAlive()).as("the interrupted time-limited thread left its wait").isFalse();
        assertThat(StuckTimeLimitedTestCase.stuck).as("the stuck coroutine was cancelled with its test")
            .isCancelled();
    }

    @Test
    void anExpectedExceptionMayComeFromALaunchedCoroutine() {
        Map<String, Throwable> failures = failuresByMethod(JUnitCore.runClasses(ExpectedFromACoroutineTestCase.class));

        assertThat(failures).containsOnlyKeys("failsAsJUnitDoesWhenNothingThrowsIt", "failsWithTheCoroutinesOtherException");
        assertThat(failures.get("failsAsJUnitDoesWhenNothingThrowsIt")).isExactlyInstanceOf(AssertionError.class)
            .hasMessage("Expected exception: java.io.IOException").hasNoSuppressedExceptions();
        Throwable other = failures.get("failsWithTheCoroutinesOtherException");
        assertThat(other).isSameAs(ExpectedFromACoroutineTestCase.BROKEN);
        assertThat(other.getSuppressed()).singleElement().isExactlyInstanceOf(AssertionError.class)
            .extracting(Throwable::getMessage).isEqualTo("Expected exception: java.io.IOException");
    }

    @Test
    void expectingAnAssertionErrorDoesNotSwallowTheCoroutineTestsTimeout() {
        Map<String, Throwable> failures = failuresByMethod(JUnitCore.runClasses(ExpectedAssertionTimeoutTestCase.class));
        assertThat(failures.get("aCoroutineThatNeverEndsIsATimeoutNotTheExpectedAssertion"))
            .isInstanceOf(dev.herder.CoroutineTestTimeoutError.class);
    }

    @Test
    void expectedExceptionOutsideTheCoroutineRuleSeesALaunchedCoroutinesException() {
        Result result = JUnitCore.runClasses(ExpectedExceptionOutsideTestCase.class);
        assertThat(result.getFailures()).isEmpty();
        assertThat(result.getRunCount()).isEqualTo(1);
    }

    @Test
    void aCoroutinesThreadIsRefusedTheScopeWithOrWithoutATimeout() {
        Result result = JUnitCore.runClasses(OtherThreadsTestCase.class);
        assertThat(result.getFailures()).isEmpty();
        String refused = "CoroutineTestScope\\.await was called from thread 'DefaultDispatcher-worker-\\d+', but the "
            + "test runs on thread '" + Pattern.quote(Thread.currentThread().getName()) + "[^']*'\\. Only the test thread "
            + "may drive the test's loop; from other threads, hand work to the test with scope\\.coroutineScope\\(\\) "
            + "or a CompletableFuture the test awaits\\.";
        assertThat(OtherThreadsTestCase.ioRefusal).matches(refused);
        assertThat(OtherThreadsTestCase.ioRefusalWithoutTimeout).matches(refused);
    }

    @Test
    void aClassRuleIsRefusedWithTheFix() {
        Result result = JUnitCore.runClasses(ClassRuleTestCase.class);
        assertThat(result.getFailures()).singleElement().extracting(Failure::getException)
            .isInstanceOf(IllegalStateException.class).extracting(Throwable::getMessage).isEqualTo(
                "CoroutineTestRule on dev.herder.junit4.ClassRuleTestCase is used as a @ClassRule; it runs one "
                    + "coroutine test per test method, so declare it as a @Rule: "
                    + "@Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();");
    }

    @Test
    void scopeOutsideARunningTestSaysWhereItMayBeUsed() {
        CoroutineTestRule rule = new CoroutineTestRule();
        assertThat(catchThrowable(rule::scope)).isInstanceOf(IllegalStateException.class).hasMessage(
            "CoroutineTestRule.scope() was called outside a running test. It works only while a test method of the "
                + "class declaring the rule runs, including its @Before and @After methods: not in a constructor, a "
                + "field initializer, @BeforeClass or @AfterClass. Declare the rule as a public @Rule field (not a "
                + "@ClassRule) and call scope() inside the test.");
        assertThat(catchThrowable(() -> new CoroutineTestRule(null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultRuleChecksForNeverAwaitedFuturesAsCoroutineTestDoes() {
        assertThat(new CoroutineTestRule().options().failOnNeverAwaited()).isTrue();
        assertThat(new CoroutineTestRule(TestOptions.defaults()).options().failOnNeverAwaited()).isFalse();
    }

    @Test
    void aFailureUnderAnExploredScheduleIsShrunkByRunningTheMethodAgainWithItsBeforeMethods() {
        try {
            ExploredScheduleTestCase.schedule = Schedule.fifo();
            assertThat(JUnitCore.runClasses(ExploredScheduleTestCase.class).getFailures()).as("kotlinx's order").isEmpty();
            Result failing = null;
            for (long seed = 0; failing == null; seed++) {
                assertThat(seed).isLessThan(100);
                ExploredScheduleTestCase.schedule = Schedule.shuffled(seed);
                Result result = JUnitCore.runClasses(ExploredScheduleTestCase.class);
                failing = result.getFailures().isEmpty() ? null : result;
            }
            ExploredScheduleTestCase.BEFORES.set(0);
            Throwable failure = JUnitCore.runClasses(ExploredScheduleTestCase.class).getFailures().get(0).getException();
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("expected:<2> but was:<1>");
            assertThat(failure.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
                .contains("\nShrunk in ", "it fails the same way with 1 deviation", "Schedule.replay(\"1:2\")"));
            assertThat(ExploredScheduleTestCase.BEFORES.get()).as("@Before runs of the test and its shrinking")
                .isGreaterThan(2);

            ExploredScheduleTestCase.schedule = Schedule.replay("1:2");
            assertThat(JUnitCore.runClasses(ExploredScheduleTestCase.class).getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage("expected:<2> but was:<1>"));
        } finally {
            ExploredScheduleTestCase.schedule = Schedule.fifo();
        }
    }

    private static Map<String, Throwable> failuresByMethod(Result result) {
        return result.getFailures().stream().collect(Collectors.toMap(
            f -> f.getDescription().getMethodName(), Failure::getException, (a, b) -> a));
    }
}
