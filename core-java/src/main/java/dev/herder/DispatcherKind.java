package dev.herder;

/**
 * The dispatcher a coroutine test runs its calls on: the same test on a test dispatcher, on kotlinx's thread pools, on
 * one thread or on virtual threads.
 *
 * <p>The two test kinds run on virtual time; the real kinds run on real threads with real delays, which is how a
 * test finds bugs that only appear when coroutines truly run in parallel. Choose one with
 * {@link TestOptions#withDispatcher(DispatcherKind)}.
 */
public enum DispatcherKind {
    /** kotlinx's {@code StandardTestDispatcher}: virtual time, new coroutines queued until the test waits. The default. */
    STANDARD_TEST,
    /** kotlinx's {@code UnconfinedTestDispatcher}: virtual time, new coroutines start eagerly. */
    UNCONFINED_TEST,
    /** The real {@code Dispatchers.Default}: a thread pool sized to the CPUs, real delays. */
    DEFAULT,
    /** The real {@code Dispatchers.IO}: the elastic blocking-I/O pool, real delays. */
    IO,
    /** The real {@code Dispatchers.Unconfined}: runs in whatever thread resumes the coroutine, real delays. */
    UNCONFINED,
    /** One dedicated event-loop thread for the test (as a {@link LoopRunner} has), closed when the test ends. */
    SINGLE_THREAD,
    /** A dispatcher over JDK virtual threads, closed when the test ends. Needs JDK 21 or newer. */
    VIRTUAL_THREADS;

    /** Whether this kind runs on the virtual clock of the test scheduler. */
    public boolean usesVirtualTime() {
        return this == STANDARD_TEST || this == UNCONFINED_TEST;
    }

    /** Whether this JVM can run this kind ({@link #VIRTUAL_THREADS} needs JDK 21+). */
    public boolean isAvailable() {
        return this != VIRTUAL_THREADS || Runtime.version().feature() >= 21;
    }
}
