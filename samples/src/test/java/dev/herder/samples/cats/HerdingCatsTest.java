package dev.herder.samples.cats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Coroutines;
import dev.herder.DispatcherKind;
import dev.herder.TestOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import kotlinx.coroutines.CompletableDeferred;
import kotlinx.coroutines.CompletableDeferredKt;
import org.junit.jupiter.api.Test;

/** The talk's example, from Java: a coroutine that is awaited, on virtual time, with a clear failure when stuck. */
class HerdingCatsTest {

    // README: quick start
    @Test
    void herdingMovesThePleasedCatAfterItsPatience() {
        Cat garfield = new Cat("Garfield", 1_000);
        Coroutines.runBlockingTest(scope -> {
            boolean moved = scope.await(c -> HerdKt.herd(garfield, "forward", c));
            assertThat(moved).isTrue();
            assertThat(scope.currentTime()).isEqualTo(1_000);   // the cat's patience, on virtual time
            assertThat(garfield.getPath()).containsExactly("forward");
        });
    }
    // README: end

    @Test
    void aCatThatWasNotPettedDoesNotMove() {
        Cat tom = new Cat("Tom", 1_000);
        Coroutines.runBlockingTest(scope -> {
            boolean moved = scope.await(c -> tom.move("left", c));
            assertThat(moved).isFalse();
            assertThat(scope.currentTime()).isZero();
        });
    }

    @Test
    void twoCatsHerdedAtOnceArriveTogether() {
        Cat garfield = new Cat("Garfield", 1_000);
        Cat tom = new Cat("Tom", 3_000);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<Boolean> first = scope.future(c -> HerdKt.herd(garfield, "forward", c));
            CompletableFuture<Boolean> second = scope.future(c -> HerdKt.herd(tom, "back", c));
            assertThat(first.join()).isTrue();
            assertThat(scope.currentTime()).as("the first await returns when Garfield arrives").isEqualTo(1_000);
            assertThat(second).as("Tom is still on his way").isNotDone();
            assertThat(second.join()).isTrue();
            assertThat(scope.currentTime()).isEqualTo(3_000);
        });
    }

    // README: options
    @Test
    void herdingWorksOnRealThreadsToo() {
        TestOptions options = TestOptions.defaults()
            .withDispatcher(DispatcherKind.IO)
            .withTimeout(Duration.ofSeconds(5));
        Cat felix = new Cat("Felix", 20);
        Coroutines.runBlockingTest(options, scope -> {
            boolean moved = scope.await(c -> HerdKt.herd(felix, "up", c));   // on Dispatchers.IO, 20 ms of real time
            assertThat(moved).isTrue();
            assertThat(scope.currentTime()).as("real dispatchers use real delays").isZero();
        });
    }
    // README: end

    @Test
    void aHungryCatThatIsNeverFedTimesOutNamingWhereItWaits() {
        Cat garfield = new Cat("Garfield", 1_000);
        CompletableDeferred<String> bowl = CompletableDeferredKt.CompletableDeferred(null);
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(
            TestOptions.defaults().withTimeout(Duration.ofMillis(300)),
            scope -> scope.await(c -> garfield.waitUntilFed(bowl, c))));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        assertThat(thrown.getMessage())
            .contains("\"await\" SUSPENDED")
            .contains("at dev.herder.samples.cats.Cat.waitUntilFed(Cat.kt:");
    }

    @Test
    void aFedCatEats() {
        Cat garfield = new Cat("Garfield", 1_000);
        CompletableDeferred<String> bowl = CompletableDeferredKt.CompletableDeferred(null);
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<String> eating = scope.future(c -> garfield.waitUntilFed(bowl, c));
            scope.runCurrent();
            assertThat(eating).isNotDone();
            bowl.complete("lasagna");
            assertThat(scope.await(eating)).isEqualTo("lasagna");
            assertThat(garfield.getPleased()).isTrue();
        });
    }
}
