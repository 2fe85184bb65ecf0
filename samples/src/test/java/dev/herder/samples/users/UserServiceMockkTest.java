package dev.herder.samples.users;

import static dev.herder.mock.SuspendMockk.any;
import static dev.herder.mock.SuspendMockk.match;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.Coroutines;
import dev.herder.mock.CallCount;
import dev.herder.mock.SuspendMockk;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The same Kotlin service, its repository mocked from Java with mockk: no Kotlin test glue needed. */
class UserServiceMockkTest {
    private final UserRepository repository = SuspendMockk.mock(UserRepository.class, "repository");
    private final UserService service = new UserService(repository, 2_000);

    // README: mockk
    @Test
    void renamingFindsThenSavesOnVirtualTime() {
        SuspendMockk.coEvery(repository, (r, c) -> r.find(any(String.class), c))
            .thenReturnAfter(Duration.ofSeconds(1), new User("1", "Ann"));
        SuspendMockk.coEvery(repository, (r, c) -> r.save(any(User.class), c)).thenReturn(kotlin.Unit.INSTANCE);

        Coroutines.runBlockingTest(scope -> {
            User renamed = scope.await(c -> service.rename("1", "Annie", c));
            assertThat(renamed.getName()).isEqualTo("Annie");
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });

        SuspendMockk.coVerify(repository, CallCount.exactly(1), (r, c) -> r.find("1", c));
        SuspendMockk.coVerifyOrder(calls -> {
            calls.call(repository, (r, c) -> r.find("1", c));
            calls.call(repository, (r, c) -> r.save(match(User.class, u -> u.getName().equals("Annie")), c));
        });
    }
    // README: end

    @Test
    void twoLookupsAtOnceBothFinishAfterOneSecond() {
        SuspendMockk.coEvery(repository, (r, c) -> r.find(any(String.class), c))
            .thenReturnAfter(Duration.ofSeconds(1), new User("1", "Ann"));
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> a = scope.future(c -> service.lookup("1", c));
            CompletableFuture<User> b = scope.future(c -> service.lookup("2", c));
            scope.await(a);
            scope.await(b);
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
        SuspendMockk.coVerify(repository, CallCount.exactly(2), (r, c) -> r.find(any(String.class), c));
    }
}
