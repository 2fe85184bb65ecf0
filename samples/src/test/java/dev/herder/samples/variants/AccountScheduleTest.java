package dev.herder.samples.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.herder.CoroutineTestScope;
import dev.herder.Coroutines;
import dev.herder.Schedule;
import dev.herder.TestOptions;
import dev.herder.junit.ExploreSchedules;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The talk's last problem, event-loop variants: an order bug that passes under kotlinx's one order, found by exploring
 * shuffled schedules, replayed from its seed, and fixed.
 */
class AccountScheduleTest {
    private static long balanceAfterDepositDuringWithdrawal(TestOptions options) {
        long[] balance = new long[1];
        Coroutines.runBlockingTest(options, scope -> {
            Account account = new Account(new FakeAuditLog(), 100);
            scope.launch(c -> account.withdraw(30, c));
            scope.launch(c -> account.deposit(50, c));
            scope.advanceUntilIdle();
            balance[0] = account.getBalance();
        });
        return balance[0];
    }

    @Test
    void theBugPassesUnderFifoOnEveryRun() {
        for (int run = 0; run < 50; run++) {
            assertThat(balanceAfterDepositDuringWithdrawal(TestOptions.defaults())).isEqualTo(120);
        }
    }

    @Test
    void exploringSchedulesFindsItAndItsSeedReplaysIt() {
        List<Event> failures = EngineTestKit.engine("junit-jupiter")
            .configurationParameter("herder.schedule.seed", "0x5EED")
            .selectors(selectClass(AccountExplorationTestCase.class)).execute()
            .testEvents().failed().list();
        assertThat(failures).isNotEmpty().hasSizeLessThan(100);

        Throwable failure = failures.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("expected: 120");
        String hint = failure.getSuppressed()[0].getMessage();
        Matcher seed = Pattern.compile("@ExploreSchedules\\(strategy = Strategy.PCT, depth = 3, seeds = \\{0x([0-9A-F]{16})L}\\)").matcher(hint);
        assertThat(seed.find()).as(hint).isTrue();
        assertThat(failures.get(0).getTestDescriptor().getDisplayName()).isEqualTo("seed=0x" + seed.group(1));

        Schedule replay = Schedule.pct(Long.parseUnsignedLong(seed.group(1), 16), 3);
        for (int run = 0; run < 5; run++) {
            assertThat(balanceAfterDepositDuringWithdrawal(TestOptions.defaults().withSchedule(replay))).isEqualTo(70);
        }
    }

    @Test
    void theFirstFailureIsShrunkToTheOneDeviationTheBugNeedsAndItsReplayStringReplaysIt() {
        List<Event> failures = EngineTestKit.engine("junit-jupiter")
            .configurationParameter("herder.schedule.seed", "0x5EED")
            .selectors(selectMethod(AccountExplorationTestCase.class, "aDepositDuringAWithdrawalIsNotLost",
                CoroutineTestScope.class.getName())).execute()
            .testEvents().failed().list();
        String hint = failures.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
            .getSuppressed()[0].getMessage();
        assertThat(hint).contains("it fails the same way with 1 deviation from kotlinx's arrival order");
        Matcher replay = Pattern.compile("@ExploreSchedules\\(replay = \"([^\"]+)\"\\)").matcher(hint.substring(
            hint.indexOf("\nShrunk in ")));
        assertThat(replay.find()).as(hint).isTrue();
        assertThat(hint).containsPattern("\\| \"scope\\.launch at AccountExplorationTestCase\\.java:\\d+\" +\\| "
            + "\"scope\\.launch at AccountExplorationTestCase\\.java:\\d+\"\n  #1 ").contains("| waits to start",
            "| runs (2nd of 2): starts");

        for (int run = 0; run < 5; run++) {
            assertThat(balanceAfterDepositDuringWithdrawal(TestOptions.defaults()
                .withSchedule(Schedule.replay(replay.group(1))))).isEqualTo(70);
        }
    }

    // README: sharded
    // on machine 3 of 4: -Dherder.schedule.seed=4711 -Dherder.schedule.shard=3/4
    @ExploreSchedules(runs = 40, strategy = ExploreSchedules.Strategy.PCT, depth = 2)
    void theFixedAccountLosesNothingUnderPctOfDepthTwo(CoroutineTestScope scope) {
        SafeAccount account = new SafeAccount(new FakeAuditLog(), 100);

        scope.launch(c -> account.withdraw(30, c));
        scope.launch(c -> account.deposit(50, c));
        scope.advanceUntilIdle();

        assertThat(account.getBalance()).isEqualTo(120);
    }
    // README: end

    // README: fixed
    @ExploreSchedules(runs = 100)
    void theFixedAccountLosesNothingUnderAnySchedule(CoroutineTestScope scope) {
        SafeAccount account = new SafeAccount(new FakeAuditLog(), 100);

        scope.launch(c -> account.withdraw(30, c));
        scope.launch(c -> account.deposit(50, c));
        scope.advanceUntilIdle();

        assertThat(account.getBalance()).isEqualTo(120);
    }
    // README: end

    @Test
    void theReplayHintShowsTheInterleaving() {
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withSchedule(findAFailingSeed()), scope -> {
                Account account = new Account(new FakeAuditLog(), 100);
                scope.launch(c -> account.withdraw(30, c));
                scope.launch(c -> account.deposit(50, c));
                scope.advanceUntilIdle();
                assertThat(account.getBalance()).isEqualTo(120);
            }));
        assertThat(thrown.getSuppressed()[0].getMessage())
            .contains("at dev.herder.samples.variants.Account.withdraw(Account.kt:")
            .contains("at dev.herder.samples.variants.Account.deposit(Account.kt:")
            .contains("(1 of 2)");
    }

    private static Schedule findAFailingSeed() {
        for (long seed = 0; ; seed++) {
            if (balanceAfterDepositDuringWithdrawal(TestOptions.defaults().withSchedule(Schedule.shuffled(seed))) != 120) {
                return Schedule.shuffled(seed);
            }
        }
    }
}
