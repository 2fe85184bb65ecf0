package dev.herder.samples.cats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.junit.CoroutineTest;
import dev.herder.junit.DispatcherTest;

/** The two Jupiter annotations side by side: a coroutine test, and a test run once per dispatcher kind. */
class HerdingOnEveryDispatcherTest {
    private final Cat garfield = new Cat("Garfield", 10);

    // README: jupiter
    @CoroutineTest(timeout = "5 s")                        // = @Test + HerderExtension
    void herdsTheCat(CoroutineTestScope scope) {
        boolean moved = scope.await(c -> HerdKt.herd(garfield, "forward", c));
        assertThat(moved).isTrue();
    }

    @DispatcherTest({DispatcherKind.STANDARD_TEST, DispatcherKind.DEFAULT, DispatcherKind.IO})
    void herdsOnEveryDispatcher(CoroutineTestScope scope) {  // runs as [STANDARD_TEST], [DEFAULT], [IO]
        boolean moved = scope.await(c -> HerdKt.herd(garfield, "forward", c));
        assertThat(moved).isTrue();
        assertThat(garfield.getPath()).containsExactly("forward");
    }
    // README: end
}
