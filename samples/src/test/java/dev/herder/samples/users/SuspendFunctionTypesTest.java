package dev.herder.samples.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herder.CoroutineTestScope;
import dev.herder.Suspend;
import dev.herder.junit.CoroutineTest;
import dev.herder.mock.CallCount;
import dev.herder.mock.SuspendMockk;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.coroutines.Continuation;
import kotlin.jvm.functions.Function1;

/** Kotlin suspend function types from Java: a Java lambda as the argument, and a typed mockk mock of one. */
class SuspendFunctionTypesTest {

    // README: lambda-as-suspend-function-type
    @CoroutineTest
    void aJavaLambdaIsTheSuspendBlockOfAKotlinFunction(CoroutineTestScope scope) {
        AtomicInteger attempts = new AtomicInteger();

        String reply = scope.await(c -> RetryingKt.retrying(3, 1_000, k -> attempts.incrementAndGet() < 3
            ? Suspend.failure(new IOException("flaky")).call(k)
            : Suspend.after(Duration.ofMillis(200), () -> "pong").call(k), c));

        assertThat(reply).isEqualTo("pong");
        assertThat(scope.currentTime()).isEqualTo(2_200);   // two pauses of 1 s, then the 200 ms answer
    }
    // README: end

    // README: typed-function-mock
    @CoroutineTest
    void aMockedSuspendFunctionTypeIsTypedByItsVariable(CoroutineTestScope scope) {
        Function1<Continuation<? super String>, Object> attempt = SuspendMockk.mockFunction(Function1.class);
        SuspendMockk.coEvery(attempt, (f, c) -> f.invoke(c)).thenThrow(new IOException("flaky")).thenReturn("pong");

        String reply = scope.await(c -> RetryingKt.retrying(3, 1_000, attempt, c));

        assertThat(reply).isEqualTo("pong");
        assertThat(scope.currentTime()).isEqualTo(1_000);
        SuspendMockk.coVerify(attempt, CallCount.exactly(2), (f, c) -> f.invoke(c));
    }
    // README: end
}
