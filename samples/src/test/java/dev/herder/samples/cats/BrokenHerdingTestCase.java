package dev.herder.samples.cats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;

/**
 * A deliberately broken test, the talk's first example: it starts herding and never awaits the result, so it checks
 * nothing — and passes in plain Python. {@link NeverAwaitedHerdingTest} runs it through the JUnit TestKit and shows
 * that {@code @CoroutineTest} fails it. Not run by Surefire directly.
 */
class BrokenHerdingTestCase {
    // README: broken
    @CoroutineTest
    void herdsGarfield(CoroutineTestScope scope) {
        Cat garfield = new Cat("Garfield", 1_000);
        var moved = scope.future(c -> HerdKt.herd(garfield, "forward", c));   // never awaited
        assertThat(moved).isNotNull();                                          // asserts nothing useful
    }
    // README: end
}
