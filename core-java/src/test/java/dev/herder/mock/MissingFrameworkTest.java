package dev.herder.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mockito and mockk are optional: with one missing, its flavour says which dependency to add. */
class MissingFrameworkTest {

    @Test
    void withoutMockitoSuspendMocksSaysToAddMockitoCore() throws Exception {
        Throwable failure = callWithout("mockito", "dev.herder.mock.SuspendMocks");
        assertThat(failure).isInstanceOf(IllegalStateException.class)
            .hasMessage("SuspendMocks uses Mockito, which is not on the classpath. Add the test dependency "
                + "org.mockito:mockito-core (5.x), or use SuspendMockk with mockk.");
    }

    @Test
    void withoutMockkSuspendMockkSaysToAddMockk() throws Exception {
        Throwable failure = callWithout("mockk", "dev.herder.mock.SuspendMockk");
        assertThat(failure).isInstanceOf(IllegalStateException.class)
            .hasMessage("SuspendMockk uses mockk, which is not on the classpath. Add the test dependency "
                + "io.mockk:mockk-jvm (1.14.x), or use SuspendMocks with Mockito.");
    }

    @Test
    void withoutMockkTheMockitoFlavourStillWorks() throws Exception {
        try (URLClassLoader loader = classpathWithout("mockk")) {
            Class<?> mocks = loader.loadClass("dev.herder.mock.SuspendMocks");
            Object mock = mocks.getMethod("mock", Class.class).invoke(null, loader.loadClass("dev.herder.mock.Repo"));
            assertThat(mock).isNotNull();
        }
    }

    /** Calls {@code mock(Repo.class)} of {@code flavour} in a class loader whose classpath lacks {@code jarName}. */
    private static Throwable callWithout(String jarName, String flavour) throws Exception {
        try (URLClassLoader loader = classpathWithout(jarName)) {
            Class<?> type = loader.loadClass(flavour);
            try {
                type.getMethod("mock", Class.class).invoke(null, loader.loadClass("dev.herder.mock.Repo"));
                return null;
            } catch (InvocationTargetException e) {
                return e.getCause();
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
