package dev.herder.mock;

import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;

/**
 * Marks the thread while Herder calls a mock only to record a stubbing or a verification, so that stub answers and the
 * strict default answer stay quiet; and the continuation passed in such calls (Mockito drops it from matching).
 */
final class Recording {
    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    /** Passed as the continuation of recorded calls; nothing ever resumes it. */
    static final Continuation<Object> CONTINUATION = new Continuation<>() {
        @Override
        public CoroutineContext getContext() {
            return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {
            // a recorded call never completes
        }

        @Override
        public String toString() {
            return "<continuation>";
        }
    };

    private Recording() {}

    static boolean active() {
        return ACTIVE.get() != null;
    }

    /** Calls {@code call} on {@code mock} in recording mode; rethrows what it throws. */
    @SuppressWarnings("unchecked")
    static <M> void record(M mock, MockCall<M, ?> call) {
        if (call == null) {
            throw MockFailures.nullArgument("SuspendMocks.whenever/verify", "the call", "(r, c) -> r.find(\"id\", c)");
        }
        ACTIVE.set(Boolean.TRUE);
        try {
            ((MockCall<M, Object>) call).invoke(mock, CONTINUATION);
        } catch (Throwable t) {
            throw dev.herder.internal.Sneaky.rethrow(t);
        } finally {
            ACTIVE.remove();
        }
    }
}
