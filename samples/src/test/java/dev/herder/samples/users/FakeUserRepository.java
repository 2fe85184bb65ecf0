package dev.herder.samples.users;

import dev.herder.Suspend;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kotlin.Unit;
import kotlin.coroutines.Continuation;

// README: fake
/** A Java fake of the Kotlin UserRepository: an in-memory map behind a network-like latency of virtual time. */
public final class FakeUserRepository implements UserRepository {
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private Duration latency = Duration.ofMillis(100);

    public FakeUserRepository with(User user) {
        users.put(user.getId(), user);
        return this;
    }

    public FakeUserRepository slowedTo(Duration latency) {
        this.latency = latency;
        return this;
    }

    @Override
    public Object find(String id, Continuation<? super User> c) {
        return Suspend.after(latency, () -> users.get(id)).call(c);
    }

    @Override
    public Object save(User user, Continuation<? super Unit> c) {
        return Suspend.delay(latency).map(done -> {
            users.put(user.getId(), user);
            return done;
        }).call(c);
    }

    public User stored(String id) {
        return users.get(id);
    }
}
// README: end
