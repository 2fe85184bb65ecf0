package dev.herder.mock;

import dev.herder.bridge.MockRecorder;
import dev.herder.bridge.MockRecordings;
import dev.herder.internal.Sneaky;
import java.util.function.Predicate;
import kotlin.coroutines.Continuation;

/**
 * Mock suspend functions from Java with mockk: {@code coEvery}/{@code coVerify} without Kotlin, the same stubbing
 * vocabulary as {@link SuspendMocks}, and Java-callable matchers ({@link #any(Class)}, {@link #eq(Object)},
 * {@link #match(Class, Predicate)}, {@link #isNull()}) in place of mockk's reified ones. mockk is an optional
 * dependency of Herder: add {@code io.mockk:mockk-jvm}.
 *
 * <pre>{@code
 * Repo repo = SuspendMockk.mock(Repo.class);
 * SuspendMockk.coEvery(repo, (r, c) -> r.find(any(String.class), c)).thenReturnAfter(Duration.ofSeconds(5), user);
 * ...
 * SuspendMockk.coVerify(repo, CallCount.exactly(1), (r, c) -> r.find("id", c));
 * }</pre>
 */
public final class SuspendMockk {
    // Method bodies here name no mockk type, so this class loads without mockk and can say what is missing.
    private SuspendMockk() {}

    /**
     * A strict mockk mock of {@code type} ({@code mockkClass}): unstubbed calls fail with mockk's
     * "no answer found" exception.
     *
     * @throws IllegalStateException if mockk is not on the classpath
     */
    public static <T> T mock(Class<T> type) {
        MockFailures.notNull(type, "SuspendMockk.mock", "the type to mock", "SuspendMockk.mock(UserRepository.class)");
        Frameworks.requireMockk();
        return MockkFlavour.mock(type, null);
    }

    /** As {@link #mock(Class)}, named {@code name} in messages. */
    public static <T> T mock(Class<T> type, String name) {
        MockFailures.notNull(type, "SuspendMockk.mock", "the type to mock", "SuspendMockk.mock(UserRepository.class, \"users\")");
        Frameworks.requireMockk();
        return MockkFlavour.mock(type, name);
    }

    /**
     * A strict mockk mock of a Kotlin function type, typed by the variable it is assigned to, so no unchecked cast is
     * needed: a {@code suspend (String) -> User} is a {@code Function2<String, Continuation<? super User>, Object>} on
     * the JVM, a {@code suspend () -> Int} a {@code Function1<Continuation<? super Integer>, Object>}. Stub and verify
     * it as any mock, calling {@code invoke} with the continuation last.
     *
     * <pre>{@code
     * Function2<String, Continuation<? super User>, Object> find = SuspendMockk.mockFunction(Function2.class);
     * SuspendMockk.coEvery(find, (f, c) -> f.invoke("42", c)).thenReturnAfter(Duration.ofSeconds(1), user);
     * }</pre>
     *
     * @param type the function interface, {@code kotlin.jvm.functions.Function0} to {@code Function22}
     * @param <F> the parameterized function type, inferred from the assignment
     * @throws IllegalArgumentException if {@code type} is null or not a Kotlin function interface
     * @throws IllegalStateException if mockk is not on the classpath
     */
    @SuppressWarnings("unchecked")
    public static <F extends kotlin.Function<?>> F mockFunction(Class<? super F> type) {
        return (F) mock(MockFailures.functionType(type, "SuspendMockk.mockFunction"));
    }

    /** As {@link #mockFunction(Class)}, named {@code name} in messages. */
    @SuppressWarnings("unchecked")
    public static <F extends kotlin.Function<?>> F mockFunction(Class<? super F> type, String name) {
        return (F) mock(MockFailures.functionType(type, "SuspendMockk.mockFunction"), name);
    }

    /**
     * Starts stubbing {@code call} on {@code mock}, as mockk's {@code coEvery}; this class's matchers work inside it.
     *
     * @throws IllegalStateException if mockk is not on the classpath
     */
    public static <M, T> SuspendStubbing<T> coEvery(M mock, MockCall<M, T> call) {
        MockFailures.mock(mock, "SuspendMockk.coEvery");
        MockFailures.call(call, "SuspendMockk.coEvery");
        Frameworks.requireMockk();
        return MockkFlavour.coEvery(mock, recorder(call));
    }

    /**
     * Verifies that {@code call} happened at least once, as mockk's {@code coVerify}.
     *
     * @throws AssertionError (mockk's) if it did not
     */
    public static <M> void coVerify(M mock, MockCall<M, ?> call) {
        coVerify(mock, CallCount.atLeast(1), call);
    }

    /**
     * Verifies {@code call} against {@code count}, as mockk's {@code coVerify(exactly = n)}: {@code exactly(1)}, that it
     * happened once with these arguments.
     *
     * @throws AssertionError (mockk's) if it did not
     */
    public static <M> void coVerify(M mock, CallCount count, MockCall<M, ?> call) {
        MockFailures.mock(mock, "SuspendMockk.coVerify");
        MockFailures.notNull(count, "SuspendMockk.coVerify", "a call count", "CallCount.exactly(1)");
        MockFailures.call(call, "SuspendMockk.coVerify");
        Frameworks.requireMockk();
        MockkFlavour.coVerify(mock, count, recorder(call));
    }

    /** Verifies the calls happened in this order (others may come between), as {@code coVerifyOrder}. */
    public static void coVerifyOrder(OrderedCalls calls) {
        MockFailures.notNull(calls, "SuspendMockk.coVerifyOrder", "the calls", "calls -> { calls.call(repo, (r, c) -> r.find(\"a\", c)); }");
        Frameworks.requireMockk();
        MockkFlavour.coVerifyOrder(recordings(calls));
    }

    /** Verifies exactly these calls happened, in this order, and no others on these mocks, as {@code coVerifySequence}. */
    public static void coVerifySequence(OrderedCalls calls) {
        MockFailures.notNull(calls, "SuspendMockk.coVerifySequence", "the calls", "calls -> { calls.call(repo, (r, c) -> r.find(\"a\", c)); }");
        Frameworks.requireMockk();
        MockkFlavour.coVerifySequence(recordings(calls));
    }

    /** Verifies these calls, in any order, were all the calls on these mocks, as {@code coVerifyAll}. */
    public static void coVerifyAll(OrderedCalls calls) {
        MockFailures.notNull(calls, "SuspendMockk.coVerifyAll", "the calls", "calls -> { calls.call(repo, (r, c) -> r.find(\"a\", c)); }");
        Frameworks.requireMockk();
        MockkFlavour.coVerifyAll(recordings(calls));
    }

    /** Matches any argument of {@code type} (mockk's {@code any()}). Only inside a call lambda of this class. */
    public static <T> T any(Class<T> type) {
        MockFailures.notNull(type, "SuspendMockk.any", "the argument's type", "any(String.class)");
        Frameworks.requireMockk();
        return MockkFlavour.any(boxed(type));
    }

    /** Matches an argument equal to {@code value} (mockk's {@code eq()}). Only inside a call lambda of this class. */
    @SuppressWarnings("unchecked")
    public static <T> T eq(T value) {
        if (value == null) {
            return isNull();
        }
        Frameworks.requireMockk();
        return MockkFlavour.eq(value, (Class<T>) value.getClass());
    }

    /** Matches an argument of {@code type} for which {@code predicate} holds. Only inside a call lambda of this class. */
    public static <T> T match(Class<T> type, Predicate<T> predicate) {
        MockFailures.notNull(type, "SuspendMockk.match", "the argument's type", "match(String.class, id -> id.startsWith(\"u\"))");
        MockFailures.notNull(predicate, "SuspendMockk.match", "a predicate", "match(String.class, id -> id.startsWith(\"u\"))");
        Frameworks.requireMockk();
        return MockkFlavour.match(boxed(type), predicate);
    }

    /** Matches a null argument. Only inside a call lambda of this class. */
    @SuppressWarnings("unchecked")
    public static <T> T isNull() {
        Frameworks.requireMockk();
        return (T) MockkFlavour.isNull();
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> boxed(Class<T> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return (Class<T>) kotlin.jvm.JvmClassMappingKt.getJavaObjectType(kotlin.jvm.JvmClassMappingKt.getKotlinClass(type));
    }

    @SuppressWarnings("unchecked")
    private static <M> MockRecorder recorder(MockCall<M, ?> call) {
        if (call == null) {
            throw MockFailures.nullArgument("SuspendMockk.coEvery/coVerify", "the call", "(r, c) -> r.find(\"id\", c)");
        }
        MockCall<M, Object> raw = (MockCall<M, Object>) call;
        return (mock, continuation) -> raw.invoke((M) mock, continuation);
    }

    private static MockRecordings recordings(OrderedCalls calls) {
        if (calls == null) {
            throw MockFailures.nullArgument("SuspendMockk.coVerifyOrder/Sequence/All", "the calls", "calls -> { calls.call(repo, (r, c) -> r.find(\"id\", c)); }");
        }
        return continuation -> calls.record(new OrderedCalls.Calls() {
            @Override
            @SuppressWarnings("unchecked")
            public <M> void call(M mock, MockCall<M, ?> call) {
                try {
                    ((MockCall<M, Object>) call).invoke(mock, (Continuation<Object>) continuation);
                } catch (Throwable t) {
                    throw Sneaky.rethrow(t);
                }
            }
        });
    }
}
