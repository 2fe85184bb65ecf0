package dev.herder;

/**
 * A coroutine test ran past its wall-clock timeout. The message names each coroutine still running and, when
 * kotlinx-coroutines-debug's probes are installed (Herder's default), where it is suspended.
 */
public final class CoroutineTestTimeoutError extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** Creates the error with its full message. */
    public CoroutineTestTimeoutError(String message) {
        super(message);
    }
}
