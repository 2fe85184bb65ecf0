package dev.herder.internal;

import dev.herder.CoroutineTestTimeoutError;
import dev.herder.TestBody;
import dev.herder.TestOptions;
import dev.herder.bridge.CoroutineDumps;
import dev.herder.bridge.TestRun;

/** Runs one coroutine test: resolves the dispatcher, runs the body inside {@code runTest}, cleans up. */
public final class TestRunner {
    private static final ThreadLocal<DefaultCoroutineTestScope> CURRENT = new ThreadLocal<>();

    private TestRunner() {}

    /** Whether the calling thread is running a test body right now. */
    public static boolean insideTest() {
        return CURRENT.get() != null;
    }

    public static void run(TestOptions options, TestBody body) {
        if (options == null) {
            throw Failures.nullArgument("Coroutines.runBlockingTest", "options", "TestOptions.defaults()");
        }
        if (body == null) {
            throw Failures.nullArgument("Coroutines.runBlockingTest", "a test body", "scope -> { ... }");
        }
        if (insideTest()) {
            throw Failures.nestedTest();
        }
        CoroutineDumps.installProbesIfEnabled();
        long timeoutMillis = options.timeout().toMillis();
        long deadlineNanos = System.nanoTime() + options.timeout().toNanos();
        String[] watchdogMessage = new String[1];
        try (TestDispatchers dispatchers = TestDispatchers.resolve(options)) {
            java.util.List<java.util.List<StackTraceElement>> leaks;
            try {
                leaks = TestRun.run(options.name(), dispatchers.unconfinedTest, dispatchers.callDispatcher, timeoutMillis,
                    run -> new CoroutineTestTimeoutError(timeoutMessage(options, run)),
                    run -> runBody(run, body, options, deadlineNanos, watchdogMessage));
            } catch (Throwable t) {
                if (watchdogMessage[0] != null) {
                    // the watchdog's dump was taken before it cancelled the test; what followed is its echo
                    CoroutineTestTimeoutError timeout = new CoroutineTestTimeoutError(watchdogMessage[0]);
                    timeout.addSuppressed(t);
                    throw timeout;
                }
                throw t;
            }
            if (watchdogMessage[0] != null) {
                throw new CoroutineTestTimeoutError(watchdogMessage[0]);
            }
            if (!leaks.isEmpty()) {
                throw Failures.leakedMainCoroutines(options.name(), leaks);
            }
        }
    }

    private static void runBody(TestRun run, TestBody body, TestOptions options, long deadlineNanos,
                                String[] watchdogMessage) {
        DefaultCoroutineTestScope scope = new DefaultCoroutineTestScope(run, options.neverAwaitedCheck());
        CURRENT.set(scope);
        try (Watchdog.Watch watch = Watchdog.watch(deadlineNanos, () -> {
            String message = timeoutMessage(options, run);
            watchdogMessage[0] = message;
            run.cancelTest(message);
        })) {
            body.run(scope);
            scope.finishBody();
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        } finally {
            scope.end();
            CURRENT.remove();
        }
    }

    private static String timeoutMessage(TestOptions options, TestRun run) {
        return Failures.timeout(options.name(), options.timeout(), run.getScheduler().getCurrentTime(),
            run.stuckCoroutines(), CoroutineDumps.probesInstalled());
    }
}
