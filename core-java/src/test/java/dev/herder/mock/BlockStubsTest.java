package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.Coroutines;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Higher-order suspend functions (Kotlin's async context managers) stubbed with thenInvokeBlockWith. */
class BlockStubsTest {
    static final java.util.List<Flavour> FLAVOURS = StubAnswersTest.FLAVOURS;

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void theBlockRunsWithTheDoubleAndItsResultIsReturned(Flavour flavour) {
        Db db = flavour.mock(Db.class);
        Tx tx = flavour.mock(Tx.class);
        flavour.stub(tx, (t, c) -> t.write("from", "-5", c)).thenReturnAfter(Duration.ofMillis(10), kotlin.Unit.INSTANCE);
        flavour.stub(tx, (t, c) -> t.write("to", "+5", c)).thenReturnAfter(Duration.ofMillis(10), kotlin.Unit.INSTANCE);
        SuspendStubbing<Object> transaction = flavour == Flavour.MOCKK
            ? flavour.stub(db, (d, c) -> d.inTransaction(SuspendMockk.any(kotlin.jvm.functions.Function2.class), c)).thenInvokeBlockWith(tx)
            : flavour.stub(db, (d, c) -> d.inTransaction(org.mockito.ArgumentMatchers.any(), c)).thenInvokeBlockWith(tx);
        BlockScopes scopes = transaction.blockScopes();
        Coroutines.runBlockingTest(scope -> {
            String result = scope.await(c -> new Accounts(db).transfer(5, c));
            assertThat(result).isEqualTo("moved 5");
            assertThat(scope.currentTime()).isEqualTo(20);
        });
        assertThat(scopes.entered()).isEqualTo(1);
        assertThat(scopes.exited()).isEqualTo(1);
        assertThat(scopes.isOpen()).isFalse();
        assertThat(scopes.failures()).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void aThrowingBlockIsExitedAndItsExceptionReachesTheCaller(Flavour flavour) {
        Db db = flavour.mock(Db.class);
        Tx tx = flavour.mock(Tx.class);
        IOException diskFull = new IOException("disk full");
        flavour.stub(tx, (t, c) -> t.write("from", "-5", c)).thenThrow(diskFull);
        SuspendStubbing<Object> transaction = flavour == Flavour.MOCKK
            ? flavour.stub(db, (d, c) -> d.inTransaction(SuspendMockk.any(kotlin.jvm.functions.Function2.class), c)).thenInvokeBlockWith(tx)
            : flavour.stub(db, (d, c) -> d.inTransaction(org.mockito.ArgumentMatchers.any(), c)).thenInvokeBlockWith(tx);
        Coroutines.runBlockingTest(scope ->
            assertThat(catchThrowable(() -> scope.await(c -> new Accounts(db).transfer(5, c)))).isSameAs(diskFull));
        BlockScopes scopes = transaction.blockScopes();
        assertThat(scopes.entered()).isEqualTo(1);
        assertThat(scopes.exited()).isEqualTo(1);
        assertThat(scopes.failures()).containsExactly(diskFull);
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void aCallWithoutABlockSaysThenInvokeBlockWithDoesNotApply(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenInvokeBlockWith("tx");
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.await(c -> repo.find("1", c))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("thenInvokeBlockWith was used on a call without a block"));
    }
}
