package dev.herder.junit;

import dev.herder.Coroutines;
import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.TestOptions;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs JUnit methods as Herder coroutine tests. Register it with {@code @ExtendWith(HerderExtension.class)} or
 * {@code @RegisterExtension}, or use {@link CoroutineTest} / {@link DispatcherTest}, which carry it.
 *
 * <ul>
 *   <li>Any test method ({@code @Test}, {@code @RepeatedTest}, {@code @ParameterizedTest}, …) that declares a
 *       {@link CoroutineTestScope} parameter, and every {@code @CoroutineTest}/{@code @DispatcherTest} method, runs
 *       inside {@link Coroutines#runBlockingTest}: virtual time, the test's timeout, its coroutines waited for at the
 *       end, a dump of stuck coroutines on timeout.</li>
 *   <li><b>Lifecycle methods</b> ({@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll}, {@code @AfterAll})
 *       that declare a {@code CoroutineTestScope} parameter run as coroutine tests of their own, on their own
 *       virtual clock, before or after the test's; what they start must finish within them. Share results through
 *       fields.</li>
 *   <li>A Kotlin {@code suspend fun} test method runs inside the test's scope on virtual time (JUnit 6).</li>
 *   <li>A {@code scope.future(...)} the method never looked at fails it as "never awaited" (see
 *       {@link CoroutineTest#failOnNeverAwaited()}).</li>
 * </ul>
 *
 * <p>The extension keeps no state of its own: each method's scope handle lives in its {@link ExtensionContext}'s
 * store, and {@code Dispatchers.Main} routes each coroutine to its own test's Main, so it is safe under JUnit's
 * parallel execution.
 */
public final class HerderExtension implements ParameterResolver, InvocationInterceptor,
    TestTemplateInvocationContextProvider {

    static final Namespace NAMESPACE = Namespace.create(HerderExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == CoroutineTestScope.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return handle(extensionContext, (Method) parameterContext.getDeclaringExecutable());
    }

    private static ScopeHandle handle(ExtensionContext context, Method method) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(new HandleKey(method),
            key -> new ScopeHandle(method.getName() + "()"), ScopeHandle.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runAsCoroutineTest(invocation, invocationContext, extensionContext, true);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runAsCoroutineTest(invocation, invocationContext, extensionContext, true);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        runAsCoroutineTest(invocation, invocationContext, extensionContext, false);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        runAsCoroutineTest(invocation, invocationContext, extensionContext, false);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        runAsCoroutineTest(invocation, invocationContext, extensionContext, false);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
                                        ReflectiveInvocationContext<Method> invocationContext,
                                        ExtensionContext extensionContext) throws Throwable {
        runAsCoroutineTest(invocation, invocationContext, extensionContext, false);
    }

    private static void runAsCoroutineTest(Invocation<Void> invocation,
                                           ReflectiveInvocationContext<Method> invocationContext,
                                           ExtensionContext context, boolean testMethod) throws Throwable {
        Method method = invocationContext.getExecutable();
        boolean declaresScope = Arrays.stream(method.getParameterTypes()).anyMatch(t -> t == CoroutineTestScope.class);
        boolean suspend = KotlinSuspend.isSuspend(method);
        boolean annotated = testMethod && (AnnotationSupport.isAnnotated(method, CoroutineTest.class)
            || AnnotationSupport.isAnnotated(method, DispatcherTest.class)
            || AnnotationSupport.isAnnotated(method, ExploreSchedules.class));
        if (!declaresScope && !suspend && !annotated) {
            invocation.proceed();
            return;
        }
        if (testMethod) {
            Combinations.check(method);
        }
        DispatcherKind kind = testMethod ? DispatcherInvocation.Selection.of(context) : null;
        TestOptions options = Configuration.of(context).optionsFor(method, context, kind);
        ScopeHandle handle = handle(context, method);
        Object target = invocationContext.getTarget().orElse(null);
        Object[] arguments = invocationContext.getArguments().toArray();
        if (suspend) {
            invocation.skip();
        }
        ShrinkClaim shrinks = ScheduleInvocation.of(context) == null ? null : ShrinkClaim.of(context);
        if (shrinks != null && shrinks.taken()) {
            options = options.withShrinkBudget(0, java.time.Duration.ZERO);
        }
        java.util.concurrent.atomic.AtomicBoolean proceeded = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            Coroutines.runBlockingTest(options, scope -> {
                handle.attach(scope);
                if (suspend) {
                    scope.await(KotlinSuspend.call(method, target, arguments));
                } else if (!proceeded.getAndSet(true)) {
                    invocation.proceed();
                } else {
                    // a shrinking run: JUnit's invocation proceeds once, so the method is called again directly
                    ReflectionSupport.invokeMethod(method, target, arguments);
                }
            });
        } catch (Throwable failure) {
            if (shrinks != null) {
                shrinks.take();
            }
            throw failure;
        }
    }

    /** Whether a failing invocation of one exploration has been shrunk already: only the first is. */
    private static final class ShrinkClaim {
        private final java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();

        static ShrinkClaim of(ExtensionContext invocation) {
            ExtensionContext exploration = invocation.getParent().orElse(invocation);
            return exploration.getStore(NAMESPACE).getOrComputeIfAbsent(ShrinkClaim.class, key -> new ShrinkClaim(),
                ShrinkClaim.class);
        }

        boolean taken() {
            return taken.get();
        }

        void take() {
            taken.set(true);
        }
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, DispatcherTest.class)
            || AnnotationSupport.isAnnotated(m, ExploreSchedules.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Combinations.check(method);
        Optional<ExploreSchedules> exploration = AnnotationSupport.findAnnotation(method, ExploreSchedules.class);
        Optional<DispatcherTest> dispatcherTest = AnnotationSupport.findAnnotation(method, DispatcherTest.class);
        if (exploration.isEmpty()) {
            return Combinations.kinds(dispatcherTest.orElseThrow()).stream().map(DispatcherInvocation::new);
        }
        List<dev.herder.Schedule> schedules = Configuration.of(context).schedulesFor(exploration.get(), method, context);
        if (dispatcherTest.isEmpty()) {
            return schedules.stream().map(schedule -> new ScheduleInvocation(schedule, null));
        }
        return Combinations.kinds(dispatcherTest.get()).stream()
            .flatMap(kind -> schedules.stream().map(schedule -> new ScheduleInvocation(schedule, kind)));
    }

    /** A shard of a small exploration may have no seed of it at all. */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return Configuration.of(context).isSharded();
    }

    /** Store key of one method's scope handle: a {@code @BeforeEach} and its test get different handles. */
    private record HandleKey(Method method) {}
}
