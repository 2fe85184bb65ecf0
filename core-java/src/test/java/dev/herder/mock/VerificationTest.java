package dev.herder.mock;

import static dev.herder.mock.SuspendMockk.any;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

import dev.herder.Coroutines;
import org.junit.jupiter.api.Test;

/** Matchers and verification for both flavours: what Python's assert_awaited_once_with says, from Java. */
class VerificationTest {
    private static final User ANN = new User("1", "Ann");

    @Test
    void mockitoMatchersWorkInsideTheStubbingLambda() {
        Repo repo = SuspendMocks.mock(Repo.class);
        SuspendMocks.whenever(repo, (r, c) -> r.find(eq("1"), c)).thenReturn(ANN);
        SuspendMocks.whenever(repo, (r, c) -> r.save(org.mockito.ArgumentMatchers.any(), c)).thenReturn(true);
        Coroutines.runBlockingTest(scope -> {
            User renamed = scope.await(c -> new UserService(repo).rename("1", "Annie", c));
            assertThat(renamed.getName()).isEqualTo("Annie");
        });
        SuspendMocks.verify(repo, (r, c) -> r.find("1", c));
        SuspendMocks.verify(repo, times(1), (r, c) -> r.save(new User("1", "Annie"), c));
        SuspendMocks.verify(repo, never(), (r, c) -> r.find("2", c));
        SuspendMocks.verify(repo, times(1), (r, c) -> r.find(anyString(), c));
    }

    @Test
    void aFailedMockitoVerificationSaysWhatWasWantedAndWhatHappened() {
        Repo repo = SuspendMocks.mock(Repo.class, "repo");
        SuspendMocks.whenever(repo, (r, c) -> r.find(anyString(), c)).thenReturn(ANN);
        Coroutines.runBlockingTest(scope -> scope.await(c -> repo.find("2", c)));
        Throwable failure = catchThrowable(() -> SuspendMocks.verify(repo, (r, c) -> r.find("1", c)));
        assertThat(failure).isInstanceOf(AssertionError.class)
            .hasMessageContaining("Argument(s) are different! Wanted:\nrepo.find(\"1\");")
            .hasMessageContaining("Actual invocations have different arguments:\nrepo.find(\"2\");");
        assertThat(catchThrowable(() -> SuspendMocks.verify(repo, times(2), (r, c) -> r.find(anyString(), c))))
            .hasMessageContaining("repo.find(<any string>);\nWanted 2 times:")
            .hasMessageContaining("But was 1 time:");
    }

    @Test
    void mockitoInOrderChecksTheOrderOfSuspendCalls() {
        Repo repo = SuspendMocks.mock(Repo.class, "repo");
        SuspendMocks.whenever(repo, (r, c) -> r.find(anyString(), c)).thenReturn(ANN);
        SuspendMocks.whenever(repo, (r, c) -> r.save(org.mockito.ArgumentMatchers.any(), c)).thenReturn(true);
        Coroutines.runBlockingTest(scope -> scope.await(c -> new UserService(repo).rename("1", "Annie", c)));
        SuspendInOrder inOrder = SuspendMocks.inOrder(repo);
        inOrder.verify(repo, (r, c) -> r.find("1", c));
        inOrder.verify(repo, (r, c) -> r.save(new User("1", "Annie"), c));

        SuspendInOrder reversed = SuspendMocks.inOrder(repo);
        reversed.verify(repo, (r, c) -> r.save(new User("1", "Annie"), c));
        assertThat(catchThrowable(() -> reversed.verify(repo, (r, c) -> r.find("1", c))))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("Verification in order failure");
    }

    @Test
    void anUnstubbedSuspendCallOfAMockitoMockFailsNamingTheMockAndMethod() {
        Repo repo = SuspendMocks.mock(Repo.class, "repo");
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.await(c -> repo.find("9", c))))
            .isInstanceOf(AssertionError.class)
            .hasMessage("Unstubbed suspend function repo.find(\"9\") was called. A SuspendMocks mock answers suspend "
                + "functions only as stubbed: add SuspendMocks.whenever(repo, (m, c) -> m.find(..., c))"
                + ".thenReturn(...) or another then… answer."));
        assertThat(repo.describe()).as("plain methods keep Mockito's defaults").isNull();
    }

    @Test
    void mockkMatchersFromJavaWorkInsideTheLambdas() {
        Repo repo = SuspendMockk.mock(Repo.class, "repo");
        SuspendMockk.coEvery(repo, (r, c) -> r.find(any(String.class), c)).thenReturn(ANN);
        SuspendMockk.coEvery(repo, (r, c) -> r.save(SuspendMockk.match(User.class, u -> u.getName().startsWith("A")), c)).thenReturn(true);
        SuspendMockk.coEvery(repo, (r, c) -> r.save(SuspendMockk.match(User.class, u -> !u.getName().startsWith("A")), c)).thenReturn(false);
        Coroutines.runBlockingTest(scope -> {
            User renamed = scope.await(c -> new UserService(repo).rename("1", "Annie", c));
            assertThat(renamed.getName()).isEqualTo("Annie");
            assertThat(catchThrowable(() -> scope.await(c -> new UserService(repo).rename("1", "Zed", c))))
                .hasMessage("could not save 1");
        });
        SuspendMockk.coVerify(repo, CallCount.exactly(2), (r, c) -> r.find(SuspendMockk.eq("1"), c));
        SuspendMockk.coVerify(repo, CallCount.never(), (r, c) -> r.find("2", c));
        SuspendMockk.coVerify(repo, CallCount.atLeast(1), (r, c) -> r.save(any(User.class), c));
    }

    @Test
    void aFailedMockkVerificationSaysWhatWasNotCalled() {
        Repo repo = SuspendMockk.mock(Repo.class, "repo");
        SuspendMockk.coEvery(repo, (r, c) -> r.find(any(String.class), c)).thenReturn(ANN);
        Coroutines.runBlockingTest(scope -> scope.await(c -> repo.find("2", c)));
        assertThat(catchThrowable(() -> SuspendMockk.coVerify(repo, CallCount.exactly(1), (r, c) -> r.find("1", c))))
            .isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("Verification failed: call 1 of 1: Repo(repo#")
            .hasMessageContaining(").find(eq(1), any())). Only one matching call to Repo(repo#")
            .hasMessageContaining("[0]: argument: 2, matcher: eq(1), result: -");
    }

    @Test
    void mockkOrderingFromJava() {
        Repo repo = SuspendMockk.mock(Repo.class, "repo");
        SuspendMockk.coEvery(repo, (r, c) -> r.find(any(String.class), c)).thenReturn(ANN);
        SuspendMockk.coEvery(repo, (r, c) -> r.save(any(User.class), c)).thenReturn(true);
        Coroutines.runBlockingTest(scope -> scope.await(c -> new UserService(repo).rename("1", "Annie", c)));
        SuspendMockk.coVerifyOrder(calls -> {
            calls.call(repo, (r, c) -> r.find("1", c));
            calls.call(repo, (r, c) -> r.save(any(User.class), c));
        });
        SuspendMockk.coVerifySequence(calls -> {
            calls.call(repo, (r, c) -> r.find("1", c));
            calls.call(repo, (r, c) -> r.save(new User("1", "Annie"), c));
        });
        assertThat(catchThrowable(() -> SuspendMockk.coVerifyOrder(calls -> {
            calls.call(repo, (r, c) -> r.save(any(User.class), c));
            calls.call(repo, (r, c) -> r.find("1", c));
        }))).isInstanceOf(AssertionError.class).hasMessageContaining("Verification failed");
    }

    @Test
    void mockkMatchersOutsideALambdaSayWhereTheyBelong() {
        assertThat(catchThrowable(() -> any(String.class)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("mockk matchers such as SuspendMockk.any(...) work only inside the call lambda");
    }
}
