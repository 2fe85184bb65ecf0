package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.Coroutines;
import dev.herder.Suspend;
import dev.herder.fakes.CatalogKt;
import dev.herder.fakes.User;
import java.time.Duration;
import java.util.List;
import kotlin.coroutines.Continuation;
import kotlin.jvm.functions.Function1;
import kotlin.jvm.functions.Function2;
import org.junit.jupiter.api.Test;

/**
 * Kotlin suspend function types from Java with no unchecked cast: mockk mocks typed by the variable they are assigned
 * to, and Java lambdas handed to Kotlin. This file carries no {@code @SuppressWarnings}: it is compiled with
 * {@code -Werror} by {@code FakeBodiesWithoutTypeWitnessesTest}.
 */
class TypedFunctionMocksTest {
    private static final User GARFIELD = new User("g", "Garfield");

    @Test
    void aMockOfASuspendFunctionTypeIsTypedByItsVariable() {
        Function2<String, Continuation<? super User>, Object> find = SuspendMockk.mockFunction(Function2.class);
        SuspendMockk.coEvery(find, (f, c) -> f.invoke("g", c)).thenReturnAfter(Duration.ofSeconds(1), GARFIELD);

        Coroutines.runBlockingTest(scope -> {
            List<User> both = scope.await(c -> CatalogKt.findBoth(find, "g", "g", c));
            assertThat(both).containsExactly(GARFIELD, GARFIELD);
            assertThat(scope.currentTime()).isEqualTo(2_000);
        });
        SuspendMockk.coVerify(find, CallCount.exactly(2), (f, c) -> f.invoke("g", c));
    }

    @Test
    void aMockOfASuspendFunctionWithoutParametersIsAFunction1() {
        Function1<Continuation<? super Integer>, Object> load = SuspendMockk.mockFunction(Function1.class, "load");
        SuspendMockk.coEvery(load, (f, c) -> f.invoke(c)).thenReturn(2, 3);

        Coroutines.runBlockingTest(scope -> {
            int sum = scope.await(c -> FixturesKt.callTwiceAndAdd(load, c));
            assertThat(sum).isEqualTo(5);
        });
    }

    @Test
    void aJavaLambdaIsASuspendFunctionTypeArgument() {
        Coroutines.runBlockingTest(scope -> {
            List<User> both = scope.await(c -> CatalogKt.findBoth(
                (id, k) -> Suspend.after(Duration.ofMillis(300), () -> new User(id, id.toUpperCase())).call(k),
                "a", "b", c));
            assertThat(both).containsExactly(new User("a", "A"), new User("b", "B"));
            assertThat(scope.currentTime()).isEqualTo(600);
        });
    }

    @Test
    void mockFunctionRefusesATypeThatIsNotAKotlinFunctionNamingTheOneToPass() {
        Throwable thrown = catchThrowable(() -> SuspendMockk.mockFunction(Object.class));
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("SuspendMockk.mockFunction("
            + "java.lang.Object.class): not a Kotlin function type. Pass the interface of the function's arity, "
            + "counting the continuation of a suspend function: Function1.class for suspend () -> R, Function2.class "
            + "for suspend (A) -> R (kotlin.jvm.functions). For any other type, use SuspendMockk.mock(type).");
    }

    @Test
    void mockitosRefusalOfASuspendFunctionTypePointsToTheTypedMockkMock() {
        Throwable thrown = catchThrowable(() -> SuspendMocks.mock(Function2.class));
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("SuspendMocks.mock("
            + "Function2.class): a Kotlin function type cannot be mocked with Mockito as a suspend function (suspend "
            + "() -> T compiles to Function1<Continuation, Object>, and Mockito would match the continuation as an "
            + "argument, so a stub would never answer). Mock it with mockk, typed by the variable: Function2<..., "
            + "Continuation<? super T>, Object> f = SuspendMockk.mockFunction(Function2.class), then "
            + "SuspendMockk.coEvery(f, (m, c) -> m.invoke(..., c)); or pass a Java lambda such as (..., c) -> "
            + "Suspend.value(v).call(c).");
    }
}
