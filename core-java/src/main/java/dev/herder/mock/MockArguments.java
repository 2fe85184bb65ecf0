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
}
