package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.bridge.KotlinxSupport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import kotlinx.coroutines.Job;
import kotlinx.coroutines.test.TestCoroutineScheduler;
import org.junit.jupiter.api.Test;

/**
 * Outside the supported kotlinx-coroutines range, the first Herder call says so — never a {@code NoSuchMethodError}
 * from inside a wait, never a hang. Herder is loaded here in a class loader of its own, next to a kotlinx-coroutines
 * that does not fit: 1.7.3 (older than the range), or today's with one internal missing, as a kotlinx release that
 * moved it would be.
 */
class KotlinxRangeTest {
    private static final Path TOO_OLD = Path.of("target", "kotlinx-too-old");

    @Test
    void aKotlinxOlderThanTheRangeIsRefusedAtTheFirstCallNamingTheVersionFound() throws Exception {
        try (URLClassLoader loader = herderWith(jars(TOO_OLD), null)) {
            AtomicBoolean bodyRan = new AtomicBoolean();
            Throwable failure = catchThrowable(() -> runBlockingTest(loader, bodyRan));

            assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage(
                "Herder supports kotlinx-coroutines 1.8.0 to 1.11.x, but kotlinx-coroutines-core 1.7.3 is on the "
                    + "classpath and is too old. Align every kotlinx-coroutines artifact on a supported version, e.g. "
                    + "import org.jetbrains.kotlinx:kotlinx-coroutines-bom:1.10.2 in your build "
                    + "(mvn dependency:tree -Dincludes=org.jetbrains.kotlinx shows where the version comes from).");
            assertThat(bodyRan).isFalse();
            // every entry point says the same, every time
            assertThat(catchThrowable(() -> runBlocking(loader))).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage(failure.getMessage());
        }
    }

    @Test
    void aTestArtifactNewerThanCoreIsRefusedNamingBothVersions() throws Exception {
        try (URLClassLoader loader = herderWith(jars(Path.of("target", "kotlinx-misaligned")), null)) {
            AtomicBoolean bodyRan = new AtomicBoolean();
            Throwable failure = catchThrowable(() -> runBlockingTest(loader, bodyRan));

            assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage(
                "kotlinx-coroutines-test 1.11.0 is on the classpath with an older kotlinx-coroutines-core 1.8.1, which "
                    + "lacks functions the test artifact calls. Align every kotlinx-coroutines artifact on one version, "
                    + "e.g. import org.jetbrains.kotlinx:kotlinx-coroutines-bom:1.8.1 in your build (mvn dependency:tree "
                    + "-Dincludes=org.jetbrains.kotlinx shows where each version comes from).");
            assertThat(bodyRan).isFalse();
        }
    }

    @Test
    void aKotlinxWhoseInternalsChangedShapeIsRefusedNamingTheInternal() throws Exception {
        List<URL> current = List.of(locationOf(Job.class), locationOf(TestCoroutineScheduler.class));
        try (URLClassLoader loader = herderWith(current, "kotlinx.coroutines.DefaultExecutorKt")) {
            Throwable failure = catchThrowable(() -> runBlocking(loader));

            assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Herder supports kotlinx-coroutines 1.8.0 to 1.11.x, but kotlinx-coroutines-core "
                    + versionOnTheClasspath() + " is on the classpath and does not work as Herder relies on: ")
                // which internal trips first depends on the version: DefaultDelay itself, or kotlinx code using it
                .hasMessageContaining("java.lang.NoClassDefFoundError: kotlinx/coroutines/DefaultExecutorKt")
                .hasMessageContaining("kotlinx-coroutines-bom");
        }
    }

    @Test
    void theKotlinxOfThisBuildIsInTheRange() {
        assertThat(KotlinxSupport.problem()).isNull();
    }

    // ---- an isolated Herder ------------------------------------------------------------------------------------

    private static void runBlockingTest(ClassLoader loader, AtomicBoolean bodyRan) throws Throwable {
        Class<?> bodyType = loader.loadClass("dev.herder.TestBody");
        Object body = Proxy.newProxyInstance(loader, new Class<?>[] {bodyType}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(bodyRan, args);
            }
            bodyRan.set(true);
            return null;
        });
        invoke(loader.loadClass("dev.herder.Coroutines").getMethod("runBlockingTest", bodyType), body);
    }

    private static void runBlocking(ClassLoader loader) throws Throwable {
        Class<?> callType = loader.loadClass("dev.herder.SuspendCall");
        Object call = Proxy.newProxyInstance(loader, new Class<?>[] {callType}, (proxy, method, args) ->
            method.getDeclaringClass() == Object.class ? method.invoke(callType, args) : "value");
        invoke(loader.loadClass("dev.herder.Coroutines").getMethod("runBlocking", callType), call);
    }

    private static void invoke(Method method, Object argument) throws Throwable {
        try {
            method.invoke(null, argument);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Herder's own classes and kotlin-stdlib, with {@code kotlinx} for kotlinx-coroutines, minus {@code hidden}. */
    private static URLClassLoader herderWith(List<URL> kotlinx, String hidden) {
        List<URL> urls = new ArrayList<>();
        urls.add(locationOf(Coroutines.class));
        urls.add(locationOf(KotlinxSupport.class));
        urls.add(locationOf(kotlin.Unit.class));
        urls.addAll(kotlinx);
        return new URLClassLoader("isolated-herder", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(hidden)) {
                    throw new ClassNotFoundException(name + " (hidden by the test)");
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private static List<URL> jars(Path folder) throws Exception {
        assertThat(folder).as("copied by the build (maven-dependency-plugin, execution kotlinx-too-old)").isDirectory();
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            assertThat(urls).hasSize(2);
            return urls;
        }
    }

    private static URL locationOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
        } catch (java.net.URISyntaxException | MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    private static String versionOnTheClasspath() throws Exception {
        try (var in = Job.class.getClassLoader().getResourceAsStream("META-INF/kotlinx_coroutines_core.version")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
    }
}
