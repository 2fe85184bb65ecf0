package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Nulls given to the mock entry points: an IllegalArgumentException naming the method and the fix, never an NPE. */
class MockArgumentsTest {
    static Stream<Arguments> nulls() {
        Repo mockito = SuspendMocks.mock(Repo.class);
        Repo mockk = SuspendMockk.mock(Repo.class);
        MockCall<Repo, User> find = (r, c) -> r.find("id", c);
        return Stream.of(
            Arguments.of("SuspendMocks.mock", (ThrowingCallable) () -> SuspendMocks.mock(null)),
            Arguments.of("SuspendMocks.mock", (ThrowingCallable) () -> SuspendMocks.mock(null, "users")),
            Arguments.of("SuspendMocks.whenever", (ThrowingCallable) () -> SuspendMocks.whenever(null, find)),
            Arguments.of("SuspendMocks.whenever", (ThrowingCallable) () -> SuspendMocks.whenever(mockito, null)),
            Arguments.of("SuspendMocks.verify", (ThrowingCallable) () -> SuspendMocks.verify(null, find)),
            Arguments.of("SuspendMocks.verify", (ThrowingCallable) () -> SuspendMocks.verify(mockito, null, find)),
            Arguments.of("SuspendMocks.inOrder", (ThrowingCallable) () -> SuspendMocks.inOrder(mockito, null)),
            Arguments.of("SuspendMockk.mock", (ThrowingCallable) () -> SuspendMockk.mock(null)),
            Arguments.of("SuspendMockk.coEvery", (ThrowingCallable) () -> SuspendMockk.coEvery(null, find)),
            Arguments.of("SuspendMockk.coVerify", (ThrowingCallable) () -> SuspendMockk.coVerify(null, find)),
            Arguments.of("SuspendMockk.coVerify", (ThrowingCallable) () -> SuspendMockk.coVerify(mockk, null, find)),
            Arguments.of("SuspendMockk.coVerifyOrder", (ThrowingCallable) () -> SuspendMockk.coVerifyOrder(null)),
            Arguments.of("SuspendMockk.any", (ThrowingCallable) () -> SuspendMockk.any(null)),
            Arguments.of("SuspendMockk.match", (ThrowingCallable) () -> SuspendMockk.match(String.class, null)),
            Arguments.of("SuspendMockk.match", (ThrowingCallable) () -> SuspendMockk.match(null, id -> true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulls")
    void aNullArgumentIsRefusedNamingTheMethodAndTheFix(String method, ThrowingCallable call) {
        assertThat(catchThrowable(call)).isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(method + " needs ").hasMessageContaining("but got null: pass e.g. ");
    }
}
