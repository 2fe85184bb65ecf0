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
        try (TestDispatchers dispatchers = TestDispatchers.resolve(options)) {
            var leaks = TestRun.run(options.name(), dispatchers.unconfinedTest, dispatchers.callDispatcher, timeoutMillis,
                run -> new CoroutineTestTimeoutError(Failures.timeout(options.name(), options.timeout(),
                    run.getScheduler().getCurrentTime(), run.stuckCoroutines(), CoroutineDumps.probesInstalled())),
                run -> runBody(run, body, options));
            if (!leaks.isEmpty()) {
                throw Failures.leakedMainCoroutines(options.name(), leaks);
            }
        }
    }

    private static void runBody(TestRun run, TestBody body, TestOptions options) {
        DefaultCoroutineTestScope scope = new DefaultCoroutineTestScope(run, options.neverAwaitedCheck());
        CURRENT.set(scope);
        try {
            body.run(scope);
            scope.finishBody();
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        } finally {
            scope.end();
            CURRENT.remove();
        }
    }
}
