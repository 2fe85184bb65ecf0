package dev.herder.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import dev.herder.bridge.KotlinxSupport;
import dev.herder.bridge.MainRoute;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The messages of Herder's core for misuse, configuration and the checks of the test's scope, in one place: each names
 * the thing, the clock, and what to do. The verdicts that render what a test's coroutines were doing (deadlock,
 * timeout, leaked Main coroutines) and the explored-schedule reports live beside the runner
 * ({@code run.Verdicts}, {@code run.ScheduleReports}), with the one frame filter they share ({@code run.Frames}).
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class Failures {
    /** The name of a test nobody named (TestOptions' default): messages then say "Coroutine test", not its name. */
    public static final String UNNAMED_TEST = "coroutine test";

    private Failures() {}

    public static IllegalStateException scopeUsedAfterTest(String method) {
        return new IllegalStateException("CoroutineTestScope." + method + " was called after its test ended. "
            + "A scope is valid only inside the body of the runBlockingTest that made it; "
            + "do the work inside the test body, or start it with Coroutines.future(...) outside a test.");
    }

    public static IllegalStateException scopeUsedFromOtherThread(String method, Thread owner) {
        return new IllegalStateException("CoroutineTestScope." + method + " was called from thread '"
            + Thread.currentThread().getName() + "', but the test runs on thread '" + owner.getName() + "'. "
            + "Only the test thread may drive the test's loop; from other threads, hand work to the test with "
            + "scope.coroutineScope() or a CompletableFuture the test awaits.");
    }

    public static IllegalStateException nestedShare() {
        return new IllegalStateException("Coroutines.shareWithChildThreads was called inside another "
            + "shareWithChildThreads of the same test: the threads started inside the outer one already share the scope.");
    }

    public static IllegalStateException shareOutsideTest(String thread) {
        return new IllegalStateException("Coroutines.shareWithChildThreads was called on thread '" + thread + "', "
            + "which runs no coroutine test body. Call it from the body of runBlockingTest (or a @CoroutineTest "
            + "method, or inside CoroutineTestRule), on the test's own thread.");
    }

    /** A thread the test lent its scope to was still inside a call when the test thread had to take the scope back. */
    public static IllegalStateException scopeStillInUse(Thread holder, long waitedMillis) {
        IllegalStateException failure = new IllegalStateException("Thread '" + holder.getName() + "' was still "
            + "inside a call of the test's scope " + waitedMillis + " ms after the test thread took the scope back "
            + "(its block of shareWithChildThreads ended); it was interrupted and did not leave. A thread that uses "
            + "the scope must end its calls before the test does: join it, or let it answer interrupts. Its stack is "
            + "this failure's.");
        failure.setStackTrace(holder.getStackTrace());
        return failure;
    }

    public static IllegalStateException kotlinxMissing(LinkageError cause) {
        return new IllegalStateException("Herder needs kotlinx-coroutines-core and kotlinx-coroutines-test "
            + KotlinxSupport.OLDEST_SUPPORTED + " to " + KotlinxSupport.NEWEST_TESTED + ".x on the classpath, but "
            + "could not load them (" + cause + "). Add both, aligned by "
            + "org.jetbrains.kotlinx:kotlinx-coroutines-bom, to your test dependencies.", cause);
    }

    public static IllegalStateException kotlinxNotOpen(List<String> flags) {
        return new IllegalStateException("Herder reads a few internals of kotlinx-coroutines, and here kotlinx is a named "
            + "module on the module path (a module-info requires it), which opens none of its packages to reflection. "
            + "Run the tests with the JVM flags " + String.join(" ", flags) + " (Maven: maven-surefire-plugin's "
            + "<argLine>; Gradle: tasks.test { jvmArgs(...) }).");
    }

    public static IllegalStateException nestedTest() {
        return new IllegalStateException("Coroutines.runBlockingTest was called inside another runBlockingTest on "
            + "the same thread. Tests cannot be nested: use the outer test's scope (scope.await(...), "
            + "scope.future(...)) instead of starting a new test.");
    }

    public static IllegalStateException blockingInsideTest() {
        return new IllegalStateException("Coroutines.runBlocking was called inside runBlockingTest: it would run "
            + "on real time and could run the test's own loop behind its back. Use scope.await(...) instead.");
    }

    public static IllegalArgumentException nullCall(String method) {
        return new IllegalArgumentException(method + " needs a call but got null: pass a lambda that calls the "
            + "suspend function with the continuation, e.g. c -> repo.find(\"id\", c)");
    }

    public static IllegalArgumentException nullArgument(String method, String what, String example) {
        return new IllegalArgumentException(method + " needs " + what + " but got null: pass e.g. " + example);
    }

    public static IllegalArgumentException blankArgument(String method, String what, String example) {
        return new IllegalArgumentException(method + " needs " + what + " but got a blank one: pass e.g. " + example);
    }

    public static IllegalArgumentException shuffleOnRealTime(String dispatcher, dev.herder.Schedule schedule) {
        return new IllegalArgumentException("An explored schedule orders the tasks due at one virtual instant, and "
            + dispatcher + " runs on real time, where threads decide the order: the two cannot be combined. Drop "
            + "withSchedule(...) (" + schedule + "), or drop withDispatcher(...) to run on a test dispatcher.");
    }

    public static IllegalArgumentException virtualDispatchersOnRealTime(String dispatcher) {
        return new IllegalArgumentException("Virtual dispatchers run the test's Dispatchers.IO and Dispatchers.Default "
            + "work on the test's virtual clock, and the test itself on " + dispatcher + " runs on real time: the two "
            + "cannot be combined. Drop withVirtualDispatchers(true) to run on the real dispatcher, or drop "
            + "withDispatcher(...) to run on virtual time.");
    }

    public static IllegalStateException virtualDispatchersNotAttached(Throwable cause) {
        return new IllegalStateException("Virtual dispatchers could not attach Herder's hooks to kotlinx's "
            + "Dispatchers.IO/Default in this JVM (" + cause + "). Allow agents to attach at run time: on JDK 21+ run "
            + "the tests with -XX:+EnableDynamicAgentLoading, and do not pass -XX:+DisableAttachMechanism; or run "
            + "the test without withVirtualDispatchers(true).", cause);
    }

    public static IllegalStateException virtualDispatchersUnsupported(String what) {
        return new IllegalStateException("Virtual dispatchers do not fit the kotlinx-coroutines on the classpath: "
            + what + ". They are tested on kotlinx-coroutines " + KotlinxSupport.OLDEST_SUPPORTED + " to "
            + KotlinxSupport.NEWEST_TESTED + ".x; run the test without withVirtualDispatchers(true).");
    }

    public static IllegalArgumentException invalidDuration(String source, String text, Throwable cause) {
        return new IllegalArgumentException(source + " has the invalid duration '" + text + "': write a positive "
            + "number and a unit (ns, μs, ms, s, m, h, d), e.g. \"5 s\" or \"500 ms\", or ISO-8601 such as \"PT5S\"",
            cause);
    }

    public static IllegalArgumentException notPositive(String what, Duration d) {
        return new IllegalArgumentException(what + " must be a positive duration, but was " + d
            + ": pass e.g. Duration.ofSeconds(5)");
    }

    public static IllegalArgumentException negativeDelay(String what, Duration d) {
        return new IllegalArgumentException(what + " must not be negative, but was " + d
            + ": virtual time only moves forward; pass Duration.ZERO or more");
    }

    public static IllegalStateException gateUsedTwice(String what) {
        return new IllegalStateException("This Gate was already opened or failed; a Gate lets through once. "
            + "Use a new Gate for the next " + what + ".");
    }

    public static IllegalArgumentException thenReturnedNull(Object value) {
        return new IllegalArgumentException("The function given to SuspendCall.then returned null for " + value
            + ": return a call, e.g. Suspend.value(x)");
    }

    public static NullPointerException nullTask() {
        return new NullPointerException("scheduledExecutor() needs a task but got null");
    }

    public static java.util.concurrent.RejectedExecutionException scheduledExecutorShutDown() {
        return new java.util.concurrent.RejectedExecutionException(
            "The test's scheduledExecutor() was shut down; no new tasks.");
    }

    public static IllegalArgumentException periodNotPositive(long period, java.util.concurrent.TimeUnit unit) {
        return new IllegalArgumentException("period must be positive, was " + period + " " + unit);
    }

    public static IllegalStateException dispatcherStuck(Object dispatcher, long seconds) {
        return new IllegalStateException("The test's " + dispatcher + " did not stop within " + seconds + " s after "
            + "the test: a task on it is blocked and ignores interruption.");
    }

    public static IllegalStateException virtualThreadsUnavailable(ReflectiveOperationException cause) {
        return new IllegalStateException("Could not create a virtual-thread executor on JDK " + Runtime.version()
            + ": " + cause, cause);
    }

    public static IllegalStateException virtualThreadsUnavailable() {
        return new IllegalStateException("DispatcherKind.VIRTUAL_THREADS needs JDK 21 or newer, but this test "
            + "runs on JDK " + Runtime.version().feature() + " (" + System.getProperty("java.home") + "). "
            + "Run the tests on JDK 21+ or choose another DispatcherKind.");
    }

    public static IllegalStateException loopRunnerBlockingOnItself(String loopName) {
        return new IllegalStateException("LoopRunner '" + loopName + "'.runBlocking was called on the loop's own "
            + "thread and would wait for itself forever. On the loop thread, call the suspend function directly "
            + "or use submit(...) and do not wait.");
    }

    public static IllegalStateException loopRunnerClosingItself(String loopName) {
        return new IllegalStateException("LoopRunner '" + loopName + "' cannot close itself from its own thread: "
            + "close it from the thread that started it.");
    }

    public static IllegalStateException loopRunnerStuck(String loopName, long seconds) {
        return new IllegalStateException("LoopRunner '" + loopName + "' did not stop within " + seconds + " s: a call "
            + "on it blocks its thread and ignores cancellation.");
    }

    public static IllegalStateException loopRunnerNotStarted(Exception cause) {
        return new IllegalStateException("The loop thread failed to start", cause);
    }

    public static IllegalStateException loopRunnerClosed(String loopName) {
        return new IllegalStateException("LoopRunner '" + loopName + "' is closed: start a new one with "
            + "LoopRunner.start(name).");
    }


    /** The test cancelled its own scope: runTest fails such a test too. */
    public static AssertionError scopeCancelled(java.util.concurrent.CancellationException cancellation) {
        return new AssertionError("The test's scope was cancelled (" + cancellation.getMessage() + "): "
            + "scope.coroutineScope() was cancelled, or its job, and the coroutines of the test with it. kotlinx's "
            + "runTest fails such a test too. Cancel the coroutines you started (their jobs or futures) instead, or "
            + "start work that may be cut short in scope.backgroundScope().", cancellation);
    }

    public static IllegalStateException testInsideACoroutineOfATest(String thread) {
        return new IllegalStateException("Coroutines.runBlockingTest was called on thread '" + thread + "' from a "
            + "coroutine of a running test: it would start a second, independent test inside the first. Tests "
            + "cannot be nested: do the work in the outer test's coroutine (call the suspend function directly), or "
            + "move the inner test to a test method of its own.");
    }

    /** A test started futures and never looked at their results. */
    public static AssertionError neverAwaited(List<String> startedAt, Throwable firstFailure) {
        StringBuilder b = new StringBuilder();
        if (startedAt.size() == 1) {
            b.append("A coroutine started with scope.future(...) at ").append(startedAt.get(0))
                .append(" was never awaited: the test never looked at its result.");
        } else {
            b.append(startedAt.size()).append(" coroutines started with scope.future(...) were never awaited: "
                + "the test never looked at their results. They were started at:");
            for (String site : startedAt) {
                b.append("\n  - ").append(site);
            }
        }
        b.append("\nAwait it (scope.await(future), future.join(), get(), handle(...)), cancel it, or turn the check off "
            + "with @CoroutineTest(failOnNeverAwaited = false) / TestOptions.withFailOnNeverAwaited(false).");
        AssertionError error = new AssertionError(b.toString());
        if (firstFailure != null) {
            error.initCause(firstFailure);
        }
        return error;
    }

    /** The failure inside a {@code CompletionException} or {@code ExecutionException}, else {@code t} itself. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
            && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
