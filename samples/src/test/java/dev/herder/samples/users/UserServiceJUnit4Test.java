package dev.herder.samples.users;

import static org.junit.Assert.assertEquals;

import dev.herder.junit4.CoroutineTestRule;
import org.junit.Rule;
import org.junit.Test;

// README: junit4-timeout-expected
/** JUnit 4 as it is written: a method with a timeout, and an expected exception thrown by a coroutine. */
public class UserServiceJUnit4Test {
    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule();

    private final FakeUserRepository users = new FakeUserRepository().with(new User("42", "Garfield"));
    private final UserService service = new UserService(users, 2_000);

    @Test(timeout = 5_000)   // JUnit runs the method on a thread of its own: the rule shares the test with it
    public void renamesWithinJUnitsTimeout() {
        User renamed = coroutines.scope().await(c -> service.rename("42", "Odie", c));
        assertEquals("Odie", renamed.getName());
        assertEquals(200, coroutines.scope().currentTime());   // find and save, 100 ms each, on virtual time
    }

    @Test(expected = UserNotFound.class)   // thrown by the coroutine once the method has returned
    public void renamingAMissingUserFails() {
        coroutines.scope().launch(c -> service.rename("7", "Odie", c));
    }
}
// README: end
