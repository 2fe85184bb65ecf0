package dev.herder.mock;

import org.mockito.InOrder;
import org.mockito.Mockito;
import org.mockito.verification.VerificationMode;

/**
 * Mockito's {@link InOrder} for suspend functions: verifies that calls happened in the order they are verified.
 *
 * <pre>{@code
 * SuspendInOrder inOrder = SuspendMocks.inOrder(repo);
 * inOrder.verify(repo, (r, c) -> r.find("id", c));
 * inOrder.verify(repo, (r, c) -> r.save(any(), c));
 * }</pre>
 */
public final class SuspendInOrder {
    private final InOrder inOrder;

    SuspendInOrder(InOrder inOrder) {
        this.inOrder = inOrder;
    }

    /**
     * Verifies that {@code call} happened once, after the calls verified before it.
     *
     * @throws AssertionError (Mockito's {@code VerificationInOrderFailure}) if it did not
     */
    public <M> void verify(M mock, MockCall<M, ?> call) {
        verify(mock, Mockito.times(1), call);
    }

    /**
     * Verifies {@code call} with {@code mode} ({@code times(n)}, {@code calls(n)}, …), in order.
     *
     * @throws AssertionError (Mockito's {@code VerificationInOrderFailure}) if it did not
     */
    public <M> void verify(M mock, VerificationMode mode, MockCall<M, ?> call) {
        Recording.record(inOrder.verify(mock, mode), call);
    }

    /** Verifies that no call happened after the last one verified in order. */
    public void verifyNoMoreInteractions() {
        inOrder.verifyNoMoreInteractions();
    }
}
