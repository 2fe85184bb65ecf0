package dev.herder.mock;

import dev.herder.bridge.StubAnswer;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;
import kotlin.coroutines.Continuation;
import org.mockito.Mockito;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/** Mockito {@link Answer}s: a Herder answer on a suspend call, and the strict default for unstubbed suspend calls. */
final class MockitoAnswers {
    private MockitoAnswers() {}

    static boolean isSuspend(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return types.length > 0 && types[types.length - 1] == Continuation.class;
    }

    /** Runs a Herder answer with the call's arguments (Mockito drops the continuation from them) and continuation. */
    static Answer<Object> suspending(StubAnswer answer) {
        return invocation -> {
            if (Recording.active()) {
                return null;
            }
            Object[] raw = invocation.getRawArguments();
            if (!isSuspend(invocation.getMethod())) {
                throw MockFailures.notSuspend(describe(invocation));
            }
            @SuppressWarnings("unchecked")
            Continuation<Object> continuation = (Continuation<Object>) raw[raw.length - 1];
            return answer.answer(invocation.getArguments(), continuation);
        };
    }

    /** Fails unstubbed suspend calls with a message naming the mock and method; everything else as RETURNS_DEFAULTS. */
    static final class Strict implements Answer<Object>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object answer(InvocationOnMock invocation) throws Throwable {
            if (Recording.active() || !isSuspend(invocation.getMethod())) {
                return Mockito.RETURNS_DEFAULTS.answer(invocation);
            }
            throw MockFailures.unstubbed(describe(invocation), mockName(invocation), invocation.getMethod().getName());
        }
    }

    static String mockName(InvocationOnMock invocation) {
        return Mockito.mockingDetails(invocation.getMock()).getMockCreationSettings().getMockName().toString();
    }

    static String describe(InvocationOnMock invocation) {
        return mockName(invocation) + "." + invocation.getMethod().getName() + "("
            + Arrays.stream(invocation.getArguments()).map(MockitoAnswers::show).collect(Collectors.joining(", ")) + ")";
    }

    private static String show(Object argument) {
        return argument instanceof String s ? "\"" + s + "\"" : String.valueOf(argument);
    }
}
