package dev.herder.samples.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

import dev.herder.Coroutines;
import dev.herder.Gate;
import dev.herder.mock.SuspendInOrder;
import dev.herder.mock.SuspendMocks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A Kotlin service whose repository is mocked from Java with Mockito: mocks that can be awaited. */
class UserServiceMockitoTest {
    private final UserRepository repository = SuspendMocks.mock(UserRepository.class, "repository");
    private final UserService service = new UserService(repository, 2_000);

    // README: mockito
    @Test
    void renamingFindsThenSavesOnVirtualTime() {
        User ann = new User("1", "Ann");
        SuspendMocks.whenever(repository, (r, c) -> r.find(eq("1"), c)).thenReturnAfter(Duration.ofSeconds(1), ann);
        SuspendMocks.whenever(repository, (r, c) -> r.save(any(), c)).thenReturn(kotlin.Unit.INSTANCE);

        Coroutines.runBlockingTest(scope -> {
            User renamed = scope.await(c -> service.rename("1", "Annie", c));
            assertThat(renamed).isEqualTo(new User("1", "Annie"));
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });

        SuspendInOrder inOrder = SuspendMocks.inOrder(repository);
        inOrder.verify(repository, (r, c) -> r.find("1", c));                      // assert_awaited_once_with
        inOrder.verify(repository, (r, c) -> r.save(new User("1", "Annie"), c));
    }
    // README: end

    @Test
    void aMissingUserFailsWithTheServicesOwnException() {
        SuspendMocks.whenever(repository, (r, c) -> r.find(eq("9"), c)).thenReturn(null);
        Coroutines.runBlockingTest(scope -> {
            Throwable failure = catchThrowable(() -> scope.await(c -> service.rename("9", "Nobody", c)));
            assertThat(failure).isInstanceOf(UserNotFound.class).hasMessage("no user 9");
        });
        SuspendMocks.verify(repository, never(), (r, c) -> r.save(any(), c));
    }

    @Test
    void aSlowRepositoryIsGivenUpOnAfterTheServicesPatience() {
        SuspendMocks.whenever(repository, (r, c) -> r.find(eq("1"), c)).thenNeverReturn();
        Coroutines.runBlockingTest(scope -> {
            User found = scope.await(c -> service.lookup("1", c));
            assertThat(found).isNull();
            assertThat(scope.currentTime()).isEqualTo(2_000);
        });
    }

    // README: gate
    @Test
    void aGateHoldsTheRepositoryUntilTheTestLetsItAnswer() {
        Gate<User> reply = new Gate<>();
        SuspendMocks.whenever(repository, (r, c) -> r.find(eq("1"), c)).thenSuspendUntil(reply);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> lookup = scope.future(c -> service.lookup("1", c));
            scope.advanceTimeBy(Duration.ofMillis(1_500));
            assertThat(reply.waiting()).isEqualTo(1);
            assertThat(lookup).isNotDone();
            reply.open(new User("1", "Ann"));
            assertThat(scope.await(lookup)).isEqualTo(new User("1", "Ann"));
            assertThat(scope.currentTime()).isEqualTo(1_500);
        });
    }
    // README: end

    @Test
    void anUnstubbedSuspendCallSaysWhichOneToStub() {
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.await(c -> service.rename("1", "Ann", c))))
            .isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("Unstubbed suspend function repository.find(\"1\") was called."));
        SuspendMocks.verify(repository, times(1), (r, c) -> r.find("1", c));
    }
}
