package dev.herder.samples.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;

import dev.herder.Coroutines;
import dev.herder.mock.BlockScopes;
import dev.herder.mock.SuspendMocks;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An async context manager (a Kotlin higher-order suspend function) stubbed from Java. */
class SignUpTest {
    private final Database database = SuspendMocks.mock(Database.class, "database");
    private final Transaction tx = SuspendMocks.mock(Transaction.class, "tx");

    // README: block
    @Test
    void registeringWritesBothRowsInsideOneTransaction() {
        BlockScopes transactions = SuspendMocks.whenever(database, (d, c) -> d.inTransaction(any(), c))
            .thenInvokeBlockWith(tx)
            .blockScopes();
        SuspendMocks.whenever(tx, (t, c) -> t.insert(anyString(), anyString(), c))
            .thenReturnAfter(Duration.ofMillis(5), kotlin.Unit.INSTANCE);

        Coroutines.runBlockingTest(scope -> {
            String result = scope.await(c -> new SignUp(database).register(new User("7", "Ann"), c));
            assertThat(result).isEqualTo("registered 7");
        });

        assertThat(transactions.entered()).isEqualTo(1);       // __aenter__
        assertThat(transactions.exited()).isEqualTo(1);        // __aexit__
        assertThat(transactions.failures()).isEmpty();
        SuspendMocks.verify(tx, (t, c) -> t.insert(eq("users"), eq("7"), c));
    }
    // README: end

    @Test
    void aFailingWriteLeavesTheTransactionWithTheFailure() {
        BlockScopes transactions = SuspendMocks.whenever(database, (d, c) -> d.inTransaction(any(), c))
            .thenInvokeBlockWith(tx)
            .blockScopes();
        IOException diskFull = new IOException("disk full");
        SuspendMocks.whenever(tx, (t, c) -> t.insert(eq("users"), anyString(), c)).thenThrow(diskFull);

        Coroutines.runBlockingTest(scope -> {
            Throwable failure = catchThrowable(() -> scope.await(c -> new SignUp(database).register(new User("7", "Ann"), c)));
            assertThat(failure).isSameAs(diskFull);
        });
        assertThat(transactions.exited()).isEqualTo(1);
        assertThat(transactions.failures()).containsExactly(diskFull);
    }
}
