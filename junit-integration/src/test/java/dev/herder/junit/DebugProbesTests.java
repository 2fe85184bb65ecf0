package dev.herder.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.Coroutines;
import dev.herder.TestOptions;
import java.time.Duration;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineName;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.Channel;
import kotlinx.coroutines.channels.ChannelKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** kotlinx-coroutines-debug is optional; with it on the classpath, {@code -Dherder.debugProbes=true} uses it. */
@Isolated("installs DebugProbes for the whole JVM while it runs")
class DebugProbesTests {
    private static final TestOptions HALF_A_SECOND = TestOptions.defaults().withTimeout(Duration.ofMillis(500));

    @Test
    void withTheFlagAndTheJarATimeoutIsDumpedByDebugProbes() {
        assertThat(Probes.installed()).isFalse();
        System.setProperty("herder.debugProbes", "true");
        try {
            String withProbes = timeoutOfAListenerWaitingForABell();

            assertThat(Probes.installed()).as("installed by the first test that ran").isTrue();
            assertThat(withProbes).contains("\"listener\" SUSPENDED\n        at "
                + "dev.herder.junit.MainUsersKt.waitForTheBell(MainUsers.kt:").doesNotContain("debugProbes=true");
        } finally {
            System.clearProperty("herder.debugProbes");
            Probes.uninstall();
        }
    }

    private static String timeoutOfAListenerWaitingForABell() {
        Channel<String> bell = ChannelKt.Channel(0, BufferOverflow.SUSPEND, null);
        Throwable thrown = catchThrowable(() -> Coroutines.runBlockingTest(HALF_A_SECOND, scope ->
            BuildersKt.launch(scope.coroutineScope(), new CoroutineName("listener"), CoroutineStart.DEFAULT,
                (coroutine, c) -> MainUsersKt.waitForTheBell(bell, Continuations.anyResult(c)))));
        assertThat(thrown).isInstanceOf(CoroutineTestTimeoutError.class);
        return thrown.getMessage();
    }

    /** A launched block's {@code Continuation<? super Unit>}, handed to a call with another result type. */
    private static final class Continuations {
        @SuppressWarnings({"unchecked", "rawtypes"})
        static <T> kotlin.coroutines.Continuation<T> anyResult(kotlin.coroutines.Continuation<?> c) {
            return (kotlin.coroutines.Continuation) c;
        }
    }
}
