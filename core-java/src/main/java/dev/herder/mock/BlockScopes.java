package dev.herder.mock;

import dev.herder.bridge.BlockListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What happened to the blocks a stub ran with {@code thenInvokeBlockWith}: each block's entry and exit, the scope a
 * higher-order suspend function such as {@code inTransaction { … }} opens around its block.
 *
 * <pre>{@code
 * var tx = SuspendMocks.whenever(db, (d, c) -> d.inTransaction(any(), c)).thenInvokeBlockWith(fakeTx);
 * ...
 * assertThat(tx.blockScopes().entered()).isEqualTo(1);
 * assertThat(tx.blockScopes().exited()).isEqualTo(1);
 * assertThat(tx.blockScopes().failures()).isEmpty();
 * }</pre>
 */
public final class BlockScopes {
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private int entered;
    private int exited;
    private final Listener listener = new Listener();

    BlockScopes() {}

    /** How many times a block was entered. */
    public synchronized int entered() {
        return entered;
    }

    /** How many times a block was exited, normally or by throwing. */
    public synchronized int exited() {
        return exited;
    }

    /** Whether a block was entered and has not exited yet. */
    public synchronized boolean isOpen() {
        return entered > exited;
    }

    /** The exceptions blocks exited with, in order (cancellations included). */
    public List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    BlockListener listener() {
        return listener;
    }

    @Override
    public synchronized String toString() {
        return "BlockScopes[entered=" + entered + ", exited=" + exited + ", failures=" + failures.size() + "]";
    }

    private final class Listener implements BlockListener {
        @Override
        public void entered(Object[] arguments) {
            synchronized (BlockScopes.this) {
                entered++;
            }
        }

        @Override
        public void exited(Throwable failure) {
            synchronized (BlockScopes.this) {
                exited++;
            }
            if (failure != null) {
                failures.add(failure);
            }
        }
    }
}
