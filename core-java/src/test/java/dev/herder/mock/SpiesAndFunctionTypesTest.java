package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.eq;

import dev.herder.Coroutines;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** Mockito spies of Kotlin classes, and suspend function types, from Java. */
class SpiesAndFunctionTypesTest {

    @Test
    void doReturnStubsASpysSuspendFunctionWithoutCallingTheRealMethod() {
        InMemoryRepo spy = Mockito.spy(new InMemoryRepo());
        User bob = new User("2", "Bob");
        SuspendMocks.doReturn(bob).when(spy, (r, c) -> r.find(eq("2"), c));
        assertThat(spy.getRealCalls()).as("stubbing never ran the real method").hasValue(0);
        Coroutines.runBlockingTest(scope -> {
            User stubbed = scope.await(c -> spy.find("2", c));
            User real = scope.await(c -> spy.find("1", c));
            assertThat(stubbed).isEqualTo(bob);
            assertThat(real).isEqualTo(new User("1", "Ann"));   // unstubbed: the real method, suspending for real
            assertThat(scope.currentTime()).isEqualTo(10);
        });
        assertThat(spy.getRealCalls()).hasValue(1);
        SuspendMocks.verify(spy, Mockito.times(2), (r, c) -> r.find(Mockito.anyString(), c));
    }

    @Test
    void doThrowDoReturnAfterAndChainedAnswersFollowMockitosConsecutiveRule() {
        InMemoryRepo spy = Mockito.spy(new InMemoryRepo());
        IOException down = new IOException("down");
        SuspendMocks.<Boolean>doThrow(down).thenReturn(false).when(spy, (r, c) -> r.save(Mockito.any(), c));
        SuspendMocks.doReturnAfter(Duration.ofSeconds(5), new User("9", "Late")).when(spy, (r, c) -> r.find(eq("9"), c));
        Coroutines.runBlockingTest(scope -> {
            Throwable first = catchThrowable(() -> scope.await(c -> spy.save(new User("1", "A"), c)));
            boolean second = scope.await(c -> spy.save(new User("1", "A"), c));
            boolean third = scope.await(c -> spy.save(new User("1", "A"), c));
            User late = scope.await(c -> spy.find("9", c));
            assertThat(first).isSameAs(down);
            assertThat(second).isFalse();
            assertThat(third).isFalse();
            assertThat(late.getName()).isEqualTo("Late");
            assertThat(scope.currentTime()).isEqualTo(5_000);
        });
        assertThat(spy.getRealCalls()).hasValue(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void wheneverOnASpyCapturesASuspendLambdaArgumentWithoutRunningTheRealMethodAsMockksCoroutineLambdaSlot() {
        // mockk's coroutineLambdaSlot: the answer runs the suspend lambda the caller passed
        LambdaRunner spy = Mockito.spy(new LambdaRunner());
        SuspendMocks.whenever(spy, (r, c) -> r.coLambdaCall(Mockito.any(), c))
            .thenAnswer((args, c) -> ((kotlin.jvm.functions.Function1<Object, Object>) args[0]).invoke(c));
        Coroutines.runBlockingTest(scope -> {
            int sum = scope.await(c -> FixturesKt.runTwice(spy, lambda -> 7, c));
            assertThat(sum).isEqualTo(14);   // the real method would have given 1400
        });
        SuspendMocks.verify(spy, Mockito.times(2), (r, c) -> r.coLambdaCall(Mockito.any(), c));
    }

    @Test
    void aSpyStubbedWithWheneverAnswersInOrderAndRepeatsTheLastAnswerAsMockitoDoes() {
        InMemoryRepo spy = Mockito.spy(new InMemoryRepo());
        SuspendMocks.whenever(spy, (r, c) -> r.save(Mockito.any(), c)).thenReturn(true, false);
        User ann = new User("1", "Ann");
        Coroutines.runBlockingTest(scope -> {
            boolean first = scope.await(c -> spy.save(ann, c));
            boolean second = scope.await(c -> spy.save(ann, c));
            boolean third = scope.await(c -> spy.save(ann, c));
            assertThat(java.util.List.of(first, second, third)).containsExactly(true, false, false);
        });
        assertThat(spy.getRealCalls()).hasValue(0);
    }

    @Test
    void doReturnStubsAPlainMockToo() {
        Repo repo = SuspendMocks.mock(Repo.class);
        SuspendMocks.doReturn(3).when(repo, (r, c) -> r.count(c));
        Coroutines.runBlockingTest(scope -> {
            int count = scope.await(c -> repo.count(c));
            assertThat(count).isEqualTo(3);
        });
    }

    @Test
    void aSuspendFunctionTypeIsRefusedByMockitosFlavourWithWhatToDoInstead() {
        Throwable thrown = catchThrowable(() -> SuspendMocks.mock(kotlin.jvm.functions.Function1.class));
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("SuspendMocks.mock(Function1.class): a Kotlin function type");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSuspendFunctionTypeMockedWithMockkAnswersAsStubbed() {
        kotlin.jvm.functions.Function1<kotlin.coroutines.Continuation<? super Integer>, Object> loader =
            SuspendMockk.mock(kotlin.jvm.functions.Function1.class);
        SuspendMockk.coEvery(loader, (f, c) -> f.invoke(c)).thenReturn(5);
        Coroutines.runBlockingTest(scope -> {
            int sum = scope.await(c -> FixturesKt.callTwiceAndAdd(loader, c));
            assertThat(sum).isEqualTo(10);
        });
    }
}
