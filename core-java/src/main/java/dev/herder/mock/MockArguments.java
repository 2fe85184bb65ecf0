package dev.herder.mock;

/** The argument checks of the mock entry points: a null gets an {@link IllegalArgumentException} naming the fix. */
final class MockArguments {
    private MockArguments() {}

    static <T> T notNull(T value, String method, String what, String example) {
        if (value == null) {
            throw new IllegalArgumentException(method + " needs " + what + " but got null: pass e.g. " + example);
        }
        return value;
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
    static void notAFunctionType(Class<?> type) {
        if (kotlin.Function.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("SuspendMocks.mock(" + type.getSimpleName() + ".class): a Kotlin "
                + "function type cannot be mocked with Mockito as a suspend function (suspend () -> T compiles to "
                + "Function1<Continuation, Object>, and Mockito would match the continuation as an argument, so a stub "
                + "would never answer). Mock it with SuspendMockk.mock(" + type.getSimpleName() + ".class) and "
                + "SuspendMockk.coEvery(f, (m, c) -> m.invoke(c)), or pass a Java lambda: "
                + "(Function1<Continuation<? super T>, Object>) c -> value.");
        }
    }
}
