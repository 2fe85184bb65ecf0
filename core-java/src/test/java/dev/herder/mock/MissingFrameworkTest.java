package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.concurrent.Callable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mockito and mockk are optional: with one missing, its flavour says which dependency to add. */
class MissingFrameworkTest {

    @Test
    void withoutMockitoSuspendMocksSaysToAddMockitoCore() throws Exception {
        Throwable failure = callWithout("mockito", MockitoUser.class);
        assertThat(failure).isInstanceOf(IllegalStateException.class)
            .hasMessage("SuspendMocks uses Mockito, which is not on the classpath. Add the test dependency "
                + "org.mockito:mockito-core (5.x), or use SuspendMockk with mockk.");
    }

    @Test
    void withoutMockkSuspendMockkSaysToAddMockk() throws Exception {
        Throwable failure = callWithout("mockk", MockkUser.class);
        assertThat(failure).isInstanceOf(IllegalStateException.class)
            .hasMessage("SuspendMockk uses mockk, which is not on the classpath. Add the test dependency "
                + "io.mockk:mockk-jvm (1.14.x), or use SuspendMocks with Mockito.");
    }

    @Test
    void withoutMockkTheMockitoFlavourStillWorks() throws Exception {
        assertThat(callWithout("mockk", MockitoUser.class)).isNull();
    }

    /** Code of a user of the Mockito flavour. */
    public static final class MockitoUser implements Callable<Object> {
        @Override
        public Object call() {
            return SuspendMocks.mock(Repo.class);
        }
    }

    /** Code of a user of the mockk flavour. */
    public static final class MockkUser implements Callable<Object> {
        @Override
        public Object call() {
            return SuspendMockk.mock(Repo.class);
        }
    }

    /** Runs {@code user} in a class loader whose classpath lacks the jars named {@code jarName…}; returns what it threw. */
    private static Throwable callWithout(String jarName, Class<? extends Callable<Object>> user) throws Exception {
        try (URLClassLoader loader = classpathWithout(jarName)) {
            Callable<?> code = (Callable<?>) Class.forName(user.getName(), true, loader).getDeclaredConstructor().newInstance();
            try {
                code.call();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }
    }

    private static URLClassLoader classpathWithout(String jarName) throws Exception {
        List<URL> urls = new ArrayList<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!new File(entry).getName().startsWith(jarName)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
