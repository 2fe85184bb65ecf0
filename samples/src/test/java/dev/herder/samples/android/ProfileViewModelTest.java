package dev.herder.samples.android;

import static org.junit.Assert.assertEquals;

import dev.herder.junit4.CoroutineTestRule;
import dev.herder.samples.users.FakeUserRepository;
import dev.herder.samples.users.User;
import java.time.Duration;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

// README: junit4
/** A JUnit 4 test of a view model on Dispatchers.Main: the rule replaces the hand-copied MainDispatcherRule. */
public class ProfileViewModelTest {
    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();

    private final FakeUserRepository users = new FakeUserRepository().with(new User("42", "Garfield"));
    private ProfileViewModel viewModel;

    @Before
    public void createTheViewModel() {   // inside the rule, so Dispatchers.Main is the test's
        viewModel = new ProfileViewModel(users);
    }

    @Test
    public void showsTheUserOnceTheRepositoryAnswers() {
        viewModel.load("42");
        assertEquals(ProfileState.Loading.INSTANCE, viewModel.getState().getValue());

        coroutines.scope().advanceTimeBy(Duration.ofMillis(100));   // the fake's latency, on virtual time
        coroutines.scope().runCurrent();

        assertEquals(new ProfileState.Shown("Garfield"), viewModel.getState().getValue());
    }

    @Test
    public void saysSoWhenTheUserIsMissing() {
        viewModel.load("7");
        coroutines.scope().advanceUntilIdle();
        assertEquals(ProfileState.Missing.INSTANCE, viewModel.getState().getValue());
    }

    @After
    public void clear() {
        viewModel.onCleared();
    }
}
// README: end
