package dev.herder.junit;

import dev.herder.CoroutineTestScope;
import dev.herder.SuspendCall;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.flow.Flow;
import dev.herder.flow.FlowProbe;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@link CoroutineTestScope} JUnit injects. JUnit resolves parameters before the method runs, and the test's
 * real scope exists only while it runs, so the parameter is this handle, attached to the real scope for the run.
 */
final class ScopeHandle implements CoroutineTestScope {
    private final String method;
    private volatile CoroutineTestScope scope;

    ScopeHandle(String method) {
        this.method = method;
    }

    void attach(CoroutineTestScope scope) {
        this.scope = scope;
    }

    private CoroutineTestScope scope() {
        CoroutineTestScope current = scope;
        if (current == null) {
            throw JUnitFailures.scopeUsedOutsideMethod(method);
        }
        return current;
    }

    @Override public <T> T await(SuspendCall<T> call) { return scope().await(call); }
    @Override public <T> T await(CompletionStage<T> stage) { return scope().await(stage); }
    @Override public <T> CompletableFuture<T> future(SuspendCall<T> call) { return scope().future(call); }
    @Override public CompletableFuture<Void> launch(SuspendCall<?> call) { return scope().launch(call); }
    @Override public void advanceTimeBy(Duration duration) { scope().advanceTimeBy(duration); }
    @Override public void advanceUntilIdle() { scope().advanceUntilIdle(); }
    @Override public void runCurrent() { scope().runCurrent(); }
    @Override public long currentTime() { return scope().currentTime(); }
    @Override public Clock clock() { return scope().clock(); }
    @Override public CoroutineDispatcher dispatcher() { return scope().dispatcher(); }
    @Override public CoroutineScope coroutineScope() { return scope().coroutineScope(); }
    @Override public CoroutineScope backgroundScope() { return scope().backgroundScope(); }
    @Override public dev.herder.Schedule schedule() { return scope().schedule(); }
    @Override public ScheduledExecutorService scheduledExecutor() { return scope().scheduledExecutor(); }
    @Override public <T> FlowProbe<T> probe(Flow<? extends T> flow) { return scope().probe(flow); }
    @Override public <T> FlowProbe<T> probe(Flow<? extends T> flow, String name) { return scope().probe(flow, name); }
    @Override public <T> FlowProbe<T> probe(Flow<? extends T> flow, String name, Duration waitLimit) {
        return scope().probe(flow, name, waitLimit);
    }

    @Override
    public String toString() {
        CoroutineTestScope current = scope;
        return current == null ? "CoroutineTestScope[" + method + ", not running]" : current.toString();
    }
}
