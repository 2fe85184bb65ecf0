package dev.herder.mock;

import dev.herder.Gate;
import dev.herder.SuspendCall;
import dev.herder.bridge.MockAnswers;
import dev.herder.bridge.StubAnswer;
import dev.herder.internal.Durations;
import java.time.Duration;

/** The stub answers shared by both flavours, as framework-neutral {@link StubAnswer}s. */
final class Answers {
    private Answers() {}

    static StubAnswer value(Object value) {
        return (arguments, continuation) -> value;
    }

    static StubAnswer failure(Throwable failure) {
        if (failure == null) {
            throw MockFailures.nullArgument("thenThrow", "an exception", "new IOException(\"down\")");
        }
        return (arguments, continuation) -> {
            throw failure;
        };
    }

    static StubAnswer valueAfter(Duration delay, Object value) {
        long millis = Durations.requireNotNegative(delay, "thenReturnAfter's delay").toMillis();
        return (arguments, continuation) -> MockAnswers.returnAfter(millis, value, continuation);
    }

    static StubAnswer gate(Gate<?> gate) {
        if (gate == null) {
            throw MockFailures.nullArgument("thenSuspendUntil", "a Gate", "new Gate<>()");
        }
        @SuppressWarnings("unchecked")
        SuspendCall<Object> pass = (SuspendCall<Object>) gate.pass();
        return (arguments, continuation) -> pass.invoke(continuation);
    }

    static StubAnswer never() {
        return (arguments, continuation) -> MockAnswers.neverReturn(continuation);
    }

    @SuppressWarnings("unchecked")
    static StubAnswer custom(SuspendAnswer<?> answer) {
        if (answer == null) {
            throw MockFailures.nullArgument("thenAnswer", "a SuspendAnswer", "(args, c) -> \"user-\" + args[0]");
        }
        SuspendAnswer<Object> raw = (SuspendAnswer<Object>) answer;
        return raw::answer;
    }

    static StubAnswer block(Object[] blockArguments, BlockScopes scopes) {
        Object[] fixed = blockArguments == null ? new Object[0] : blockArguments.clone();
        return (arguments, continuation) ->
            MockAnswers.invokeBlock(findBlock(arguments, continuation), fixed, scopes.listener(), continuation);
    }

    /**
     * The call's suspend-lambda argument: the last argument that is a Kotlin function, other than the call's own
     * continuation (mockk passes it among the arguments, and a caller's coroutine frame is a Kotlin function too).
     */
    private static Object findBlock(Object[] arguments, Object continuation) {
        for (int i = arguments.length - 1; i >= 0; i--) {
            if (arguments[i] instanceof kotlin.Function<?> && arguments[i] != continuation) {
                return arguments[i];
            }
        }
        throw MockFailures.noBlock(arguments.length);
    }
}
