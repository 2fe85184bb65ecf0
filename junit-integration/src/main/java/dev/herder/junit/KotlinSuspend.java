package dev.herder.junit;

import dev.herder.SuspendCall;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import kotlin.coroutines.Continuation;

/** Kotlin {@code suspend fun} test methods: recognised by their trailing continuation, invoked with the test's one. */
final class KotlinSuspend {
    private KotlinSuspend() {}

    static boolean isSuspend(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return types.length > 0 && types[types.length - 1] == Continuation.class;
    }

    /**
     * The suspend call of {@code method} on {@code target} with {@code arguments}: JUnit 6 resolves the arguments
     * without the continuation, so it is appended (or, if a placeholder was resolved, replaced).
     */
    static SuspendCall<Object> call(Method method, Object target, Object[] arguments) {
        int count = method.getParameterCount();
        return continuation -> {
            Object[] full = new Object[count];
            System.arraycopy(arguments, 0, full, 0, Math.min(arguments.length, count - 1));
            full[count - 1] = continuation;
            try {
                method.setAccessible(true);
                return method.invoke(target, full);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
