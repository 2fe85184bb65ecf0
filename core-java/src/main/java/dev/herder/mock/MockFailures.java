package dev.herder.mock;

/**
 * The one place the mock package words its failures: argument checks (a null gets an {@link IllegalArgumentException}
 * naming the fix), misuse of a stub, and the frameworks' absence.
 */
final class MockFailures {
    private MockFailures() {}

    static <T> T notNull(T value, String method, String what, String example) {
        if (value == null) {
            throw nullArgument(method, what, example);
        }
        return value;
    }

    static IllegalArgumentException nullArgument(String method, String what, String example) {
        return new IllegalArgumentException(method + " needs " + what + " but got null: pass e.g. " + example);
    }

    static void mock(Object mock, String method) {
        notNull(mock, method, "the mock", "the object SuspendMocks.mock(...) or SuspendMockk.mock(...) returned");
    }

    static void call(Object call, String method) {
        notNull(call, method, "the call", "(repo, c) -> repo.find(\"id\", c)");
    }

    /**
     * Mockito cannot see a suspend function type ({@code suspend () -> T} is a {@code Function1<Continuation, Object>})
     * as a suspend call: it would match the continuation as an argument, so no stub would ever match and Kotlin would
     * get {@code null}. Refused, with the two ways that work.
     */
    static IllegalStateException frameworkMissing(String framework) {
        return new IllegalStateException(framework.equals("mockito")
            ? "SuspendMocks uses Mockito, which is not on the classpath. Add the test dependency "
                + "org.mockito:mockito-core (5.x), or use SuspendMockk with mockk."
            : "SuspendMockk uses mockk, which is not on the classpath. Add the test dependency io.mockk:mockk-jvm "
                + "(1.14.x), or use SuspendMocks with Mockito.");
    }

    static IllegalStateException noBlock(int arguments) {
        return new IllegalStateException("thenInvokeBlockWith was used on a call without a block: none of its "
            + arguments + " arguments is a Kotlin suspend lambda. Use it for higher-order suspend functions "
            + "such as suspend fun <R> inTransaction(block: suspend (Tx) -> R): R.");
    }

    static IllegalArgumentException negativeCount(String what, int n) {
        return new IllegalArgumentException(what + "(" + n + "): a call count must be 0 or more");
    }

    static IllegalStateException notSuspend(String call) {
        return new IllegalStateException(call + " is not a suspend function; stub it with "
            + "Mockito.when(...) instead of SuspendMocks.whenever(...).");
    }

    static AssertionError unstubbed(String call, String mockName, String method) {
        return new AssertionError("Unstubbed suspend function " + call + " was called. "
            + "A SuspendMocks mock answers suspend functions only as stubbed: add "
            + "SuspendMocks.whenever(" + mockName + ", (m, c) -> m." + method
            + "(..., c)).thenReturn(...) or another then… answer.");
    }

    static void notAFunctionType(Class<?> type) {
        if (kotlin.Function.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("SuspendMocks.mock(" + type.getSimpleName() + ".class): a Kotlin "
                + "function type cannot be mocked with Mockito as a suspend function (suspend () -> T compiles to "
                + "Function1<Continuation, Object>, and Mockito would match the continuation as an argument, so a stub "
                + "would never answer). Mock it with mockk, typed by the variable: " + type.getSimpleName()
                + "<..., Continuation<? super T>, Object> f = SuspendMockk.mockFunction(" + type.getSimpleName()
                + ".class), then SuspendMockk.coEvery(f, (m, c) -> m.invoke(..., c)); or pass a Java lambda such as "
                + "(..., c) -> Suspend.value(v).call(c).");
        }
    }

    /** {@code type}, if it is a Kotlin function interface ({@code Function0} … {@code Function22}). */
    static Class<?> functionType(Class<?> type, String method) {
        notNull(type, method, "a Kotlin function interface", method + "(Function2.class)");
        if (!type.isInterface() || !kotlin.Function.class.isAssignableFrom(type) || type == kotlin.Function.class) {
            throw new IllegalArgumentException(method + "(" + type.getName() + ".class): not a Kotlin function "
                + "type. Pass the interface of the function's arity, counting the continuation of a suspend function: "
                + "Function1.class for suspend () -> R, Function2.class for suspend (A) -> R (kotlin.jvm.functions). "
                + "For any other type, use SuspendMockk.mock(type).");
        }
        return type;
    }
}
