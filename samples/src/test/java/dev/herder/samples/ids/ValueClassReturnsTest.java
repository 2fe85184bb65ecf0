package dev.herder.samples.ids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.Coroutines;
import org.junit.jupiter.api.Test;

/**
 * What Java sees of a suspend function that returns a value class (README, Pitfalls). These tests pin Kotlin's
 * behaviour, so that a compiler that changes it shows up here.
 */
class ValueClassReturnsTest {
    private final Accounts accounts = new Accounts();

    @Test
    void aValueClassReturnIsTheBareValueWhenTheCallDidNotSuspendAndBoxedWhenItDid() {
        Coroutines.runBlockingTest(scope -> {
            Object direct = scope.await(c -> accounts.idOf("ann", false, c));
            Object suspended = scope.await(c -> accounts.idOf("bob", true, c));
            assertThat(direct).isEqualTo("u-ann");
            assertThat(suspended).isInstanceOf(UserId.class).hasToString("UserId(value=u-bob)");
        });
    }

    @Test
    void aJavaFacingFunctionThatReturnsTheUnderlyingValueGivesOneStableType() {
        Coroutines.runBlockingTest(scope -> {
            // README: value-class-returns
            String direct = scope.await(c -> accounts.idValueOf("ann", false, c));
            String suspended = scope.await(c -> accounts.idValueOf("bob", true, c));
            // README: end
            assertThat(direct).isEqualTo("u-ann");
            assertThat(suspended).isEqualTo("u-bob");
        });
    }

    @Test
    void aResultReturnIsItsContentWhenTheCallDidNotSuspendAndAKotlinResultWhenItDid() {
        Coroutines.runBlockingTest(scope -> {
            Object direct = scope.await(c -> accounts.tryIdOf("ann", false, c));
            Object suspended = scope.await(c -> accounts.tryIdOf("bob", true, c));
            assertThat(direct).isInstanceOf(UserId.class).hasToString("UserId(value=u-ann)");
            assertThat(suspended).isInstanceOf(kotlin.Result.class).hasToString("Success(UserId(value=u-bob))");
        });
    }
}
