package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import kotlinx.coroutines.DelayKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fixture: the extension registered programmatically. */
class RegisterExtensionTestCase {
    @RegisterExtension
    static final HerderExtension HERDER = new HerderExtension();

    @Test
    void getsTheScope(CoroutineTestScope scope) {
        scope.await(c -> DelayKt.delay(42, c));
        assertThat(scope.currentTime()).isEqualTo(42);
    }
}
