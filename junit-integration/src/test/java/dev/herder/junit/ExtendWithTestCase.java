package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import kotlinx.coroutines.DelayKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixture: the extension registered on a class, injecting the scope into every kind of test method. */
@ExtendWith(HerderExtension.class)
class ExtendWithTestCase {
    private long setUpFinishedAt = -1;

    @BeforeEach
    void setUp(CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(250, c));
        setUpFinishedAt = scope.currentTime();
    }

    @AfterEach
    void tearDown(CoroutineTestScope scope) {
        assertThat(scope.currentTime()).as("each lifecycle method has its own clock").isZero();
    }

    @Test
    void plainTest(CoroutineTestScope scope) {
        assertThat(setUpFinishedAt).isEqualTo(250);
        assertThat(scope.currentTime()).isZero();
        scope.await(c -> DelayKt.delay(1_000, c));
        assertThat(scope.currentTime()).isEqualTo(1_000);
    }

    @RepeatedTest(3)
    void repeated(CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(10, c));
        assertThat(scope.currentTime()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 60_000})
    void parameterized(long millis, CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(millis, c));
        assertThat(scope.currentTime()).isEqualTo(millis);
    }

    @Test
    void untouchedWithoutAScope() {
        assertThat(setUpFinishedAt).isEqualTo(250);
    }
}
