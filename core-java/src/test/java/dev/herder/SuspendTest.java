package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.fakes.Greeter;
import dev.herder.fakes.User;
import dev.herder.fakes.UserRepository;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlinx.coroutines.JobKt;
import org.junit.jupiter.api.Test;

/** Java fakes of Kotlin suspend interfaces, built with {@link Suspend} and composed {@link SuspendCall}s. */
class SuspendTest {
    private static final User GARFIELD = new User("g", "Garfield");

    /** A Java fake of the Kotlin {@code UserRepository}: each lookup is whatever call the test sets. */
    static final class FakeUsers implements UserRepository {
        final Map<String, User> users = new ConcurrentHashMap<>(Map.of("g", GARFIELD));
        Function<String, SuspendCall<User>> lookup = id -> Suspend.value(users.get(id));
        final List<User> saved = new ArrayList<>();

        @Override
        public Object find(String id, Continuation<? super User> c) {   // no throws clause needed
            return lookup.apply(id).call(c);
        }

        @Override
        public Object save(User user, Continuation<? super Unit> c) {
            return Suspend.after(Duration.ofMillis(50), () -> {
                saved.add(user);
                return Unit.INSTANCE;
            }).call(c);
        }
    }

    private final FakeUsers fake = new FakeUsers();
    private final Greeter greeter = new Greeter(fake);

    @Test
    void valueAnswersAtOnceWithoutSuspending() {
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> greeter.greet("g", c));
            assertThat(greeting).isEqualTo("Hello, Garfield");
            assertThat(scope.currentTime()).isZero();
        });
        Object direct = Suspend.value("now").call(new Continuation<Object>() {
            public kotlin.coroutines.CoroutineContext getContext() { return kotlin.coroutines.EmptyCoroutineContext.INSTANCE; }
            public void resumeWith(Object result) { throw new AssertionError("a value is returned, never resumed"); }
        });
        assertThat(direct).isEqualTo("now");
    }

    @Test
    void failureThrowsTheSameCheckedExceptionThroughKotlinCode() {
        IOException offline = new IOException("offline");
        fake.lookup = id -> Suspend.failure(offline);
        Coroutines.runBlockingTest(scope -> {
            Throwable thrown = catchThrowable(() -> scope.await(c -> greeter.greet("g", c)));
            assertThat(thrown).isSameAs(offline);
        });
    }

    @Test
    void afterSuspendsForExactlyTheDurationOfVirtualTimeThenAnswers() {
        fake.lookup = id -> Suspend.after(Duration.ofSeconds(1), () -> fake.users.get(id));
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> greeter.greet("g", c));
            assertThat(greeting).isEqualTo("Hello, Garfield");
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    @Test
    void afterThrowsWhatTheCallableThrowsUnchangedAfterTheDelay() {
        IOException broken = new IOException("disk");
        fake.lookup = id -> Suspend.after(Duration.ofMillis(300), () -> {
            throw broken;
        });
        Coroutines.runBlockingTest(scope -> {
            assertThat(catchThrowable(() -> scope.await(c -> greeter.greet("g", c)))).isSameAs(broken);
            assertThat(scope.currentTime()).isEqualTo(300);
        });
    }

    @Test
    void delayReturnsUnitAfterTheDurationAndCountsAPartOfAMillisecondAsAWholeOne() {
        Coroutines.runBlockingTest(scope -> {
            Unit unit = scope.await(Suspend.delay(Duration.ofMinutes(90)));
            assertThat(unit).isSameAs(Unit.INSTANCE);
            assertThat(scope.currentTime()).isEqualTo(90 * 60_000);
            scope.await(Suspend.delay(Duration.ofNanos(1)));
            assertThat(scope.currentTime()).isEqualTo(90 * 60_000 + 1);
            scope.await(Suspend.delay(Duration.ZERO));
            assertThat(scope.currentTime()).isEqualTo(90 * 60_000 + 1);
        });
    }

    @Test
    void concurrentLookupsSuspendSideBySideAsInKotlin() {
        fake.lookup = id -> Suspend.after(Duration.ofSeconds(id.length()), () -> new User(id, id.toUpperCase()));
        Coroutines.runBlockingTest(scope -> {
            List<String> greetings = scope.await(c -> greeter.greetAll(List.of("tom", "jerry", "ab"), c));
            assertThat(greetings).containsExactly("Hello, TOM", "Hello, JERRY", "Hello, AB");
            assertThat(scope.currentTime()).isEqualTo(5_000);   // the longest, not the sum
        });
    }

    @Test
    void aSuspendedFakeIsCancelledByItsCallerAsKotlinCodeWouldBe() {
        fake.lookup = id -> Suspend.after(Duration.ofHours(1), () -> fake.users.get(id));
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> greeter.greetWithin("g", 2_000, c));
            assertThat(greeting).isEqualTo("Hello, whoever");
            assertThat(scope.currentTime()).isEqualTo(2_000);
        });
    }

    @Test
    void neverSuspendsUntilTheCallerIsCancelled() {
        fake.lookup = id -> Suspend.never();
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> greeter.greetWithin("g", 10_000, c));
            assertThat(greeting).isEqualTo("Hello, whoever");
            assertThat(scope.currentTime()).isEqualTo(10_000);
        });
    }

    @Test
    void awaitWaitsForAStageCompletedOnAnotherThread() {
        CompletableFuture<User> reply = new CompletableFuture<>();
        fake.lookup = id -> Suspend.await(reply);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<String> greeting = scope.future(c -> greeter.greet("g", c));
            scope.runCurrent();
            assertThat(greeting).isNotDone();
            Thread completer = new Thread(() -> reply.complete(new User("x", "Xena")));
            completer.start();
            assertThat(scope.await(greeting)).isEqualTo("Hello, Xena");
            completer.join();
        });
    }

    @Test
    void awaitThrowsTheStagesFailureUnwrapped() {
        IOException refused = new IOException("refused");
        CompletableFuture<User> reply = new CompletableFuture<>();
        fake.lookup = id -> Suspend.await(reply.thenApply(u -> u));   // a dependent stage fails with CompletionException
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<String> greeting = scope.future(c -> greeter.greet("g", c));
            scope.runCurrent();
            reply.completeExceptionally(refused);
            assertThat(catchThrowable(() -> scope.await(greeting))).isSameAs(refused);
        });
    }

    @Test
    void cancellingTheCallerOfAwaitLeavesTheStageAlone() {
        CompletableFuture<User> reply = new CompletableFuture<>();
        fake.lookup = id -> Suspend.await(reply);
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> greeter.greetWithin("g", 500, c));
            assertThat(greeting).isEqualTo("Hello, whoever");
        });
        assertThat(reply).isNotDone();
        assertThat(reply.complete(GARFIELD)).isTrue();
    }

    @Test
    void mapAndThenComposeOnTheCallersClock() {
        fake.lookup = id -> Suspend.after(Duration.ofSeconds(1), () -> id)
            .map(String::toUpperCase)
            .then(upper -> Suspend.after(Duration.ofSeconds(2), () -> new User(id, upper + "!")));
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> greeter.greet("odie", c));
            assertThat(greeting).isEqualTo("Hello, ODIE!");
            assertThat(scope.currentTime()).isEqualTo(3_000);
        });
    }

    @Test
    void aFailureSkipsMapAndThen() {
        IOException offline = new IOException("offline");
        List<String> ran = new ArrayList<>();
        SuspendCall<String> call = Suspend.<String>failure(offline)
            .map(v -> { ran.add("map"); return v; })
            .then(v -> { ran.add("then"); return Suspend.value(v); });
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.await(call))).isSameAs(offline));
        assertThat(ran).isEmpty();
    }

    @Test
    void thenCanCallAnotherSuspendFunctionOfKotlinCode() {
        FakeUsers other = new FakeUsers();
        other.lookup = id -> Suspend.after(Duration.ofMillis(700), () -> new User(id, "Nermal"));
        fake.lookup = id -> Suspend.delay(Duration.ofMillis(300)).then(unit -> c -> other.find(id, c));
        Coroutines.runBlockingTest(scope -> {
            User renamed = scope.await(c -> greeter.rename("n", "Nermal the cutest", c));
            assertThat(renamed).isEqualTo(new User("n", "Nermal the cutest"));
            assertThat(fake.saved).containsExactly(renamed);
            assertThat(scope.currentTime()).isEqualTo(300 + 700 + 50);
        });
    }

    @Test
    void aGateComposesLikeAnyOtherCall() {
        Gate<String> approval = new Gate<>();
        fake.lookup = id -> approval.pass().map(name -> new User(id, name));
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<String> greeting = scope.future(c -> greeter.greet("g", c));
            scope.advanceTimeBy(Duration.ofSeconds(5));
            assertThat(approval.waiting()).isEqualTo(1);
            approval.open("Arlene");
            assertThat(scope.await(greeting)).isEqualTo("Hello, Arlene");
            assertThat(scope.currentTime()).isEqualTo(5_000);
        });
    }

    @Test
    void aFakeResumesOnItsCallersDispatcher() {
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        fake.lookup = id -> Suspend.after(Duration.ofMillis(10), () -> {
            answeredOn.set(Thread.currentThread());
            return GARFIELD;
        });
        Thread testThread = Thread.currentThread();
        Coroutines.runBlockingTest(scope -> scope.await(c -> greeter.greet("g", c)));
        assertThat(answeredOn.get()).isSameAs(testThread);
        Coroutines.runBlockingTest(TestOptions.defaults().withDispatcher(DispatcherKind.SINGLE_THREAD),
            scope -> scope.await(c -> greeter.greet("g", c)));
        assertThat(answeredOn.get().getName()).startsWith("herder-loop-");
    }

    @Test
    void badArgumentsAreRefusedWithTheFix() {
        assertThat(catchThrowable(() -> Suspend.delay(Duration.ofSeconds(-1))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Suspend.delay's duration must not be negative");
        assertThat(catchThrowable(() -> Suspend.after(null, () -> 1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Suspend.after's duration");
        assertThat(catchThrowable(() -> Suspend.after(Duration.ZERO, null)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. Suspend.after(Duration.ofSeconds(1)");
        assertThat(catchThrowable(() -> Suspend.await(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> Suspend.failure(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> Suspend.value(1).map(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> Suspend.value(1).then(null))).isInstanceOf(IllegalArgumentException.class);
        Coroutines.runBlockingTest(scope -> assertThat(catchThrowable(() -> scope.await(Suspend.value(1).then(v -> null))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("The function given to SuspendCall.then returned null for 1: return a call, e.g. Suspend.value(x)"));
    }

    @Test
    void callHandsBackCoroutineSuspendedWhenTheBodySuspends() {
        Coroutines.runBlockingTest(scope -> {
            AtomicReference<Object> returned = new AtomicReference<>();
            String greeting = scope.await(c -> {
                Object r = Suspend.after(Duration.ofMillis(5), () -> "late").call(c);
                returned.set(r);
                return r;
            });
            assertThat(greeting).isEqualTo("late");
            assertThat(returned.get()).isSameAs(IntrinsicsKt.getCOROUTINE_SUSPENDED());
            JobKt.ensureActive(scope.coroutineScope().getCoroutineContext());
        });
    }

    @Test
    void mockAnswersUseTheSamePieces() {
        UserRepository mock = dev.herder.mock.SuspendMocks.mock(UserRepository.class);
        dev.herder.mock.SuspendMocks.whenever(mock, (r, c) -> r.find("g", c))
            .thenAnswer((args, c) -> Suspend.after(Duration.ofSeconds(2), () -> GARFIELD).call(c));
        Coroutines.runBlockingTest(scope -> {
            String greeting = scope.await(c -> new Greeter(mock).greet("g", c));
            assertThat(greeting).isEqualTo("Hello, Garfield");
            assertThat(scope.currentTime()).isEqualTo(2_000);
        });
    }
}
