package dev.herder.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.herder.bridge.MainRoute;
import dev.herder.bridge.MainRouter;
import dev.herder.bridge.kotlinx.DispatcherInternals;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Unit;
import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.CancellableContinuation;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.DisposableHandle;
import kotlinx.coroutines.Dispatchers;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import dev.herder.internal.Failures;

/**
 * Virtual dispatchers: while a test with {@code withVirtualDispatchers(true)} runs, its work on
 * {@code Dispatchers.IO}, {@code Dispatchers.Default} and their {@code limitedParallelism} views, and the delays that
 * work asks kotlinx's default executor for, go to the test's own scheduler.
 *
 * <p>kotlinx has no switch for that (kotlinx.coroutines #982), so the first test that asks installs hooks into five
 * kotlinx classes with ByteBuddy (a Java agent attached at run time): at the start of each dispatch, the hook looks for
 * the test the work belongs to — the {@link MainRoute} in the coroutine's context, else the test whose thread this is
 * — and, if that test runs with virtual dispatchers, dispatches there instead. Everything else (code outside tests,
 * tests without the option, a test that has ended) goes on as before, after one volatile read while no virtual test
 * runs. Before the first use nothing is installed and nothing costs anything.
 *
 * <p>Which kotlinx classes, methods and private field are hooked is the bridge's seam's to say
 * ({@link DispatcherInternals}, pinned there by a contract test on every supported kotlinx): this class names none.
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public final class VirtualDispatchers {
    /** The kotlinx classes hooked, each of which must be found and transformed. */
    private static final List<String> HOOKED = List.of(
        DispatcherInternals.IO_CLASS,                 // Dispatchers.IO
        DispatcherInternals.DEFAULT_CLASS,            // Dispatchers.Default
        DispatcherInternals.VIEW_CLASS,               // limitedParallelism(n) views of either
        DispatcherInternals.EVENT_LOOP_CLASS,         // delay() on a dispatcher without a clock of its own
        DispatcherInternals.DEFAULT_EXECUTOR_CLASS);  // withTimeout() on a dispatcher without a clock of its own

    /** A dispatch (plain or a yield's) of a context and a block, as the seam names it. */
    private static final ElementMatcher.Junction<MethodDescription> DISPATCHES =
        named(DispatcherInternals.DISPATCH).or(named(DispatcherInternals.DISPATCH_YIELD)).and(takesArguments(2));

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static volatile boolean installed;

    private VirtualDispatchers() {}

    /**
     * Installs the hooks once per JVM.
     *
     * @throws IllegalStateException if the JVM refuses the agent or kotlinx's dispatchers are not shaped as expected
     */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (VirtualDispatchers.class) {
            if (!installed) {
                doInstall();
                installed = true;
            }
        }
    }

    /** A test with virtual dispatchers starts: the hooks look for tests from now on. */
    public static void testStarted() {
        RUNNING.incrementAndGet();
    }

    /** A test with virtual dispatchers ended (passed, failed or timed out). */
    public static void testEnded() {
        RUNNING.decrementAndGet();
    }

    private static void doInstall() {
        Instrumentation instrumentation;
        try {
            instrumentation = ByteBuddyAgent.install();
        } catch (RuntimeException | LinkageError e) {
            throw Failures.virtualDispatchersNotAttached(e);
        }
        // the advice inlined into kotlinx's classes calls this class: kotlinx, a named module on the module path,
        // must read Herder's module (which exports this package to it: see module-info) or the class path's
        Module kotlinxModule = CoroutineDispatcher.class.getModule();
        Module herder = VirtualDispatchers.class.getModule();
        if (kotlinxModule.isNamed() && !kotlinxModule.canRead(herder)) {
            instrumentation.redefineModule(kotlinxModule, Set.of(herder), Map.of(), Map.of(), Set.of(), Map.of());
        }
        for (String type : HOOKED) {
            try {
                Class.forName(type, true, CoroutineDispatcher.class.getClassLoader());   // loaded, so hooked now
            } catch (ClassNotFoundException | LinkageError e) {
                throw unsupported(type + " is missing (" + e + ")");
            }
        }
        // only kotlinx as Herder itself sees it: other class loaders (an isolated copy, a container's) are not hooked
        ClassLoader kotlinx = CoroutineDispatcher.class.getClassLoader();
        ElementMatcher<ClassLoader> herders = ElementMatchers.is(kotlinx);
        Set<String> transformed = ConcurrentHashMap.newKeySet();
        List<String> errors = new CopyOnWriteArrayList<>();
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new AgentBuilder.Listener.Adapter() {
                @Override
                public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                             DynamicType dynamicType) {
                    if (loader == kotlinx) {
                        transformed.add(type.getName());
                    }
                }

                @Override
                public void onError(String type, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
                    if (loader == kotlinx) {
                        errors.add(type + ": " + error);
                    }
                }
            })
            .type(named(HOOKED.get(0)).or(named(HOOKED.get(1))), herders)
            .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(DispatchAdvice.class)
                .on(DISPATCHES)))
            .type(named(HOOKED.get(2)), herders)
            .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(LimitedDispatchAdvice.class)
                .on(DISPATCHES)))
            .type(named(HOOKED.get(3)), herders)
            .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(DelayAdvice.class)
                .on(named(DispatcherInternals.DELAY).and(takesArguments(2)))))
            .type(named(HOOKED.get(4)), herders)
            .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(TimeoutAdvice.class)
                .on(named(DispatcherInternals.TIMEOUT).and(takesArguments(3)))))
            .installOn(instrumentation);
        if (!errors.isEmpty() || !transformed.containsAll(HOOKED)) {
            throw unsupported("hooking " + HOOKED.stream().filter(t -> !transformed.contains(t)).toList()
                + " failed " + errors);
        }
        Object view = DispatcherInternals.viewOfAViewOfIo();
        if (!isIoOrDefault(DispatcherInternals.bottomOf(view))) {   // the views' field is there, or this fails now
            throw unsupported("a view of a view of Dispatchers.IO is not seen through (" + view + ")");
        }

    }

    private static IllegalStateException unsupported(String what) {
        return Failures.virtualDispatchersUnsupported(what);
    }

    // ---- the hooks, called from inside kotlinx's classes ----------------------------------------------------------

    /** The virtual dispatcher of the running test {@code context} (or this thread) belongs to, or null. */
    private static CoroutineDispatcher virtualFor(CoroutineContext context) {
        MainRoute route = context == null ? null : context.get(MainRoute.Key);
        if (route == null) {
            route = MainRouter.threadRoute();
            if (route != null && context != null) {
                route.guest(context.get(kotlinx.coroutines.Job.Key));   // a scope built outside the test
            }
        }
        if (route == null || !route.isRunning()) {
            return null;
        }
        return route.getVirtualDispatcher();
    }

    /** {@code Dispatchers.IO}/{@code Default}.dispatch: true if the test's scheduler took {@code block}. */
    public static boolean dispatch(CoroutineContext context, Runnable block) {
        if (RUNNING.get() == 0) {
            return false;
        }
        CoroutineDispatcher virtual = virtualFor(context);
        if (virtual == null) {
            return false;
        }
        virtual.dispatch(context, block);
        return true;
    }

    /** A {@code limitedParallelism} view's dispatch: rerouted only for views of IO or Default, at any depth. */
    public static boolean dispatchLimited(Object underlying, CoroutineContext context, Runnable block) {
        if (RUNNING.get() == 0 || !isIoOrDefault(DispatcherInternals.bottomOf(underlying))) {
            return false;
        }
        return dispatch(context, block);
    }

    /**
     * kotlinx's default executor asked for a delay: true if the test's clock took it. Only delays of coroutines on IO
     * or Default count — a real-time timer asked for from the test thread by any other dispatcher stays real.
     */
    public static boolean delay(Object delay, long millis, CancellableContinuation<? super Unit> continuation) {
        if (RUNNING.get() == 0 || !DispatcherInternals.isDefaultClock(delay)
            || !onIoOrDefault(continuation.getContext())) {
            return false;
        }
        CoroutineDispatcher virtual = virtualFor(continuation.getContext());
        if (virtual == null) {
            return false;
        }
        @SuppressWarnings("unchecked")
        CancellableContinuation<Unit> unit = (CancellableContinuation<Unit>) continuation;
        DispatcherInternals.delayOn(virtual, millis, unit);
        return true;
    }

    /** kotlinx's default executor asked for a timeout: the test clock's handle, or null to let it go on. */
    public static DisposableHandle timeout(Object delay, long millis, Runnable block, CoroutineContext context) {
        if (RUNNING.get() == 0 || !DispatcherInternals.isDefaultClock(delay) || !onIoOrDefault(context)) {
            return null;
        }
        CoroutineDispatcher virtual = virtualFor(context);
        return virtual == null ? null : DispatcherInternals.timeoutOn(virtual, millis, block, context);
    }

    /** Whether a coroutine of {@code context} runs on IO, Default, or a view of either (of a view, …). */
    private static boolean onIoOrDefault(CoroutineContext context) {
        return isIoOrDefault(DispatcherInternals.bottomOf(context.get(kotlin.coroutines.ContinuationInterceptor.Key)));
    }

    private static boolean isIoOrDefault(Object dispatcher) {
        return dispatcher == Dispatchers.getIO() || dispatcher == Dispatchers.getDefault()
            || DispatcherInternals.isUnlimitedIo(dispatcher);
    }

    // ---- advice, inlined into kotlinx's methods ------------------------------------------------------------------

    static final class DispatchAdvice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) CoroutineContext context, @Advice.Argument(1) Runnable block) {
            return VirtualDispatchers.dispatch(context, block);
        }
    }

    static final class LimitedDispatchAdvice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.FieldValue(DispatcherInternals.VIEW_FIELD) Object underlying,
                             @Advice.Argument(0) CoroutineContext context, @Advice.Argument(1) Runnable block) {
            return VirtualDispatchers.dispatchLimited(underlying, context, block);
        }
    }

    static final class DelayAdvice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) long millis,
                             @Advice.Argument(1) CancellableContinuation<? super Unit> continuation) {
            return VirtualDispatchers.delay(self, millis, continuation);
        }
    }

    static final class TimeoutAdvice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static DisposableHandle enter(@Advice.This Object self, @Advice.Argument(0) long millis,
                                      @Advice.Argument(1) Runnable block, @Advice.Argument(2) CoroutineContext context) {
            return VirtualDispatchers.timeout(self, millis, block, context);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter DisposableHandle handle,
                         @Advice.Return(readOnly = false) DisposableHandle returned) {
            if (handle != null) {
                returned = handle;
            }
        }
    }
}
