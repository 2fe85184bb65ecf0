package dev.herder.samples.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;
import java.time.Duration;

/** The Kotlin UserService driven by a Java fake instead of a mock: real suspensions on virtual time. */
class UserServiceWithAFakeTest {
    private final FakeUserRepository repository = new FakeUserRepository().with(new User("42", "Garfield"));

    // README: fake-test
    @CoroutineTest
    void renameFindsThenSavesEachAfterTheFakesLatency(CoroutineTestScope scope) {
        UserService service = new UserService(repository, 2_000);

        User renamed = scope.await(c -> service.rename("42", "Garfield the Great", c));

        assertThat(renamed.getName()).isEqualTo("Garfield the Great");
        assertThat(repository.stored("42")).isEqualTo(renamed);
        assertThat(scope.currentTime()).isEqualTo(200);   // find + save, 100 ms each, no wall-clock time
    }
    // README: end

    @CoroutineTest
    void aSlowRepositoryMakesLookupGiveUpAtTheServicesPatience(CoroutineTestScope scope) {
        UserService service = new UserService(repository.slowedTo(Duration.ofMinutes(1)), 2_000);

        User found = scope.await(c -> service.lookup("42", c));

        assertThat(found).isNull();
        assertThat(scope.currentTime()).isEqualTo(2_000);
    }

    @CoroutineTest
    void aMissingUserIsTheServicesOwnException(CoroutineTestScope scope) {
        UserService service = new UserService(repository, 2_000);
        assertThat(catchThrowable(() -> scope.await(c -> service.rename("7", "Nobody", c))))
            .isInstanceOf(UserNotFound.class).hasMessage("no user 7");
    }
}
