package dev.herder.samples.cats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.junit.CoroutineTest;

/** The fixed test: the same herding, awaited, as a one-annotation JUnit habit. */
class HerdingWithTheExtensionTest {
    // README: fixed
    @CoroutineTest
    void herdsGarfield(CoroutineTestScope scope) {
        Cat garfield = new Cat("Garfield", 1_000);
        boolean moved = scope.await(c -> HerdKt.herd(garfield, "forward", c));
        assertThat(moved).isTrue();
        assertThat(scope.currentTime()).isEqualTo(1_000);
    }
    // README: end
}
