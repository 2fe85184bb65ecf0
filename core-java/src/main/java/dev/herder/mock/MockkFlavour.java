package dev.herder.mock;

import dev.herder.bridge.MockRecorder;
import dev.herder.bridge.MockRecordings;
import dev.herder.bridge.MockkInterop;
import dev.herder.bridge.MockkStub;
import dev.herder.bridge.StubAnswer;
import io.mockk.ConstantMatcher;
import io.mockk.EqMatcher;
import io.mockk.FunctionMatcher;
import io.mockk.NullCheckMatcher;
import java.util.function.Predicate;
import kotlin.Unit;
import kotlin.jvm.JvmClassMappingKt;

/** Everything {@link SuspendMockk} does with mockk types, loaded only once mockk is known to be there. */
final class MockkFlavour {
    private MockkFlavour() {}

    static <T> T mock(Class<T> type, String name) {
        return MockkInterop.mock(type, name, false);
    }

    static <M, T> SuspendStubbing<T> coEvery(M mock, MockRecorder recorder) {
        return new MockkStubbing<>(MockkInterop.coEvery(mock, recorder));
    }

    static void coVerify(Object mock, CallCount count, MockRecorder recorder) {
        MockkInterop.coVerify(mock, count.atLeast, count.atMost, count.exactly, count.inverse, recorder);
    }

    static void coVerifyOrder(MockRecordings recordings) {
        MockkInterop.coVerifyOrder(recordings);
    }

    static void coVerifySequence(MockRecordings recordings) {
        MockkInterop.coVerifySequence(recordings);
    }

    static void coVerifyAll(MockRecordings recordings) {
        MockkInterop.coVerifyAll(recordings);
    }

    static <T> T any(Class<T> type) {
        return MockkInterop.match(new ConstantMatcher<>(true), type);
    }

    static <T> T eq(T value, Class<T> type) {
        return MockkInterop.match(new EqMatcher<>(value, false, false), type);
    }

    static <T> T match(Class<T> type, Predicate<T> predicate) {
        return MockkInterop.match(new FunctionMatcher<T>(predicate::test, JvmClassMappingKt.getKotlinClass(type),
            error -> Unit.INSTANCE), type);
    }

    static Object isNull() {
        return MockkInterop.match(new NullCheckMatcher<>(false), Object.class);
    }

    /** Appends answers with mockk's {@code coAnswers}/{@code coAndThen}. */
    private static final class MockkStubbing<T> extends AbstractSuspendStubbing<T> {
        private final MockkStub stub;

        MockkStubbing(MockkStub stub) {
            this.stub = stub;
        }

        @Override
        void add(StubAnswer answer) {
            stub.thenAnswer(answer);
        }
    }
}
