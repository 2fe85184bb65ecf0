package dev.herder.samples.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.Coroutines;
import dev.herder.LoopRunner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import kotlinx.coroutines.Dispatchers;
import org.junit.jupiter.api.Test;

/** One suspend function called from plain Java outside any test: blocking, as a future on IO, and on a loop thread. */
class CallingFromPlainJavaTest {
    private final UserRepository repo = new FakeUserRepository().with(new User("id", "Ann")).slowedTo(Duration.ofMillis(10));

    @Test
    void theSameCallBlockingAsAFutureAndOnALoopThread() throws Exception {
        // README: outside a test
        User user = Coroutines.runBlocking(c -> repo.find("id", c));                       // real time, this thread
        CompletableFuture<User> later = Coroutines.future(Dispatchers.getIO(), c -> repo.find("id", c));
        try (LoopRunner loop = LoopRunner.start("ui-loop")) {
            CompletableFuture<User> onLoop = loop.submit(c -> repo.find("id", c));         // runs on loop.thread()
            User same = loop.runBlocking(c -> repo.find("id", c));
            assertThat(onLoop.get()).isEqualTo(same).isEqualTo(user);
        }
        assertThat(later.get()).isEqualTo(user);
        // README: end
        assertThat(user).isEqualTo(new User("id", "Ann"));
    }
}
