package dev.herder.samples.variants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.ExploreSchedules;

/** The racy account under many schedules: run by AccountScheduleTest, which expects some invocations to fail. */
class AccountExplorationTestCase {
    // README: explore
    @ExploreSchedules(runs = 100)
    void aDepositDuringAWithdrawalIsNotLost(CoroutineTestScope scope) {
        Account account = new Account(new FakeAuditLog(), 100);

        scope.launch(c -> account.withdraw(30, c));
        scope.launch(c -> account.deposit(50, c));
        scope.advanceUntilIdle();

        assertThat(account.getBalance()).isEqualTo(120);
    }
    // README: end
}
