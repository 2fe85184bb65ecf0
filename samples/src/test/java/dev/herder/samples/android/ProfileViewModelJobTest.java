package dev.herder.samples.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;
import dev.herder.samples.users.FakeUserRepository;
import dev.herder.samples.users.User;
import kotlinx.coroutines.Job;

/** A view model that returns the Job it launched on Dispatchers.Main: the test awaits it on virtual time. */
class ProfileViewModelJobTest {
    private final FakeUserRepository users = new FakeUserRepository().with(new User("42", "Garfield"));

    // README: await-a-job
    @CoroutineTest
    void awaitsTheJobTheViewModelReturns(CoroutineTestScope scope) {
        ProfileViewModel viewModel = new ProfileViewModel(users);   // its scope runs on the test's Main

        Job loading = viewModel.load("42");
        scope.await(c -> loading.join(c));   // suspends until the job completes: 100 ms of virtual time

        assertThat(viewModel.getState().getValue()).isEqualTo(new ProfileState.Shown("Garfield"));
        assertThat(scope.currentTime()).isEqualTo(100);
        viewModel.onCleared();
    }
    // README: end
}
