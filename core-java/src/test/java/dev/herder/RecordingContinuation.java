package dev.herder;

import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;

/** Passes a result on to {@code delegate} after running {@code onResume} if it is a value: lets a Java test see when a call resumes. */
final class RecordingContinuation<T> implements Continuation<T> {
    private final Continuation<? super T> delegate;
    private final Runnable onResume;

    RecordingContinuation(Continuation<? super T> delegate, Runnable onResume) {
        this.delegate = delegate;
        this.onResume = onResume;
    }

    @Override
    public CoroutineContext getContext() {
        return delegate.getContext();
    }

    @Override
    public void resumeWith(Object result) {
        if (!(result instanceof kotlin.Result.Failure)) {
            onResume.run();
        }
        delegate.resumeWith(result);
    }
}
