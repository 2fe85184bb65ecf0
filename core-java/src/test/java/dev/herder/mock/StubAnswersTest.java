package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.Coroutines;
import dev.herder.DispatcherKind;
import dev.herder.Gate;
import dev.herder.TestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every answer kind, against both flavours, on virtual time. */
class StubAnswersTest {
    static final java.util.List<Flavour> FLAVOURS = java.util.List.of(Flavour.MOCKITO, Flavour.MOCKK);
    private static final User ANN = new User("1", "Ann");
    private static final User BOB = new User("2", "Bob");

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void thenReturnAnswersInTurnAndRepeatsTheLast(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenReturn(ANN, BOB);
        Coroutines.runBlockingTest(scope -> {
            User first = scope.await(c -> repo.find("1", c));
            User second = scope.await(c -> repo.find("1", c));
            User third = scope.await(c -> repo.find("1", c));
            assertThat(first).isEqualTo(ANN);
            assertThat(second).isEqualTo(BOB);
            assertThat(third).isEqualTo(BOB);
            assertThat(scope.currentTime()).isZero();
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void thenThrowThrowsTheSameCheckedException(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        IOException down = new IOException("down");
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenThrow(down);
        Coroutines.runBlockingTest(scope ->
            assertThat(catchThrowable(() -> scope.await(c -> new UserService(repo).rename("1", "Ann", c)))).isSameAs(down));
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void twoConcurrentFiveSecondStubsFinishAtFiveSecondsOfVirtualTime(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenReturnAfter(Duration.ofSeconds(5), ANN);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> a = scope.future(c -> repo.find("1", c));
            CompletableFuture<User> b = scope.future(c -> repo.find("1", c));
            assertThat(scope.await(a)).isEqualTo(ANN);
            assertThat(scope.await(b)).isEqualTo(ANN);
            assertThat(scope.currentTime()).isEqualTo(5_000);
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void chainedAnswersFollowMockitosRule(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenReturn(ANN).thenReturnAfter(Duration.ofSeconds(2), BOB);
        Coroutines.runBlockingTest(scope -> {
            assertThat(scope.<User>await(c -> repo.find("1", c))).isEqualTo(ANN);
            assertThat(scope.currentTime()).isZero();
            assertThat(scope.<User>await(c -> repo.find("1", c))).isEqualTo(BOB);
            assertThat(scope.currentTime()).isEqualTo(2_000);
            assertThat(scope.<User>await(c -> repo.find("1", c))).isEqualTo(BOB);
            assertThat(scope.currentTime()).isEqualTo(4_000);
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void thenSuspendUntilHoldsTheCallerUntilTheGateOpens(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        Gate<User> reply = new Gate<>();
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenSuspendUntil(reply);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> renamed = scope.future(c -> new UserService(repo).findAfterPause("1", c));
            scope.advanceUntilIdle();
            assertThat(reply.waiting()).isEqualTo(1);
            assertThat(renamed).isNotDone();
            reply.open(ANN);
            assertThat(reply.waiting()).as("waiters resume on the test loop, not inside open()").isEqualTo(1);
            assertThat(scope.await(renamed)).isEqualTo(ANN);
            assertThat(reply.waiting()).isZero();
            assertThat(scope.currentTime()).isEqualTo(100);
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void aFailedGateFailsTheCaller(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        Gate<User> reply = new Gate<>();
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenSuspendUntil(reply);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> lookup = scope.future(c -> repo.find("1", c));
            scope.runCurrent();
            reply.fail(new IOException("no reply"));
            assertThat(catchThrowable(() -> scope.await(lookup))).isInstanceOf(IOException.class).hasMessage("no reply");
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void thenNeverReturnIsCancelledByTheCallersTimeout(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenNeverReturn();
        Coroutines.runBlockingTest(scope -> {
            User found = scope.await(c -> new UserService(repo).findWithin("1", 1_000, c));
            assertThat(found).isNull();
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void cancellingTheCallersFutureCancelsTheWait(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenReturnAfter(Duration.ofHours(1), ANN);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> lookup = scope.future(c -> repo.find("1", c));
            scope.runCurrent();
            lookup.cancel(true);
            scope.advanceUntilIdle();
            assertThat(lookup).isCancelled();
            assertThat(scope.currentTime()).as("the hour-long wait was cancelled, not run").isZero();
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void thenAnswerSeesTheArgumentsWithoutTheContinuation(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("7", c)).thenAnswer((args, c) -> new User((String) args[0], "user-" + args[0]));
        Coroutines.runBlockingTest(scope -> {
            User found = scope.await(c -> repo.find("7", c));
            assertThat(found).isEqualTo(new User("7", "user-7"));
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void thenAnswerMaySuspend(Flavour flavour) {
        Repo slow = flavour.mock(Repo.class);
        flavour.stub(slow, (r, c) -> r.find("1", c)).thenReturnAfter(Duration.ofSeconds(3), ANN);
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenAnswer((args, c) -> slow.find((String) args[0], c));
        Coroutines.runBlockingTest(scope -> {
            User found = scope.await(c -> repo.find("1", c));
            assertThat(found).isEqualTo(ANN);
            assertThat(scope.currentTime()).isEqualTo(3_000);
        });
    }

    @ParameterizedTest
    @FieldSource("FLAVOURS")
    void aSuspendingAnswerResumesTheCallerOnItsOwnDispatcher(Flavour flavour) {
        Repo repo = flavour.mock(Repo.class);
        flavour.stub(repo, (r, c) -> r.find("1", c)).thenReturnAfter(Duration.ofMillis(20), ANN);
        Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(DispatcherKind.SINGLE_THREAD), scope -> {
            String thread = scope.await(c -> FixturesKt.threadAfterFind(repo, "1", c));
            assertThat(thread).startsWith("herder-loop-");
        });
    }
}
