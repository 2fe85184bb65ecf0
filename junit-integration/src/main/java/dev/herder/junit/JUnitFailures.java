package dev.herder.junit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The one place the JUnit integration words its failures. Configuration mistakes start with "Configuration error: "
 * and name the annotation and method (or the configuration parameter), the value found, and what to write instead.
 */
final class JUnitFailures {
    private JUnitFailures() {}

    static ExtensionConfigurationException invalidTimeoutParameter(String key, String text, Throwable cause) {
        return new ExtensionConfigurationException("Configuration error: configuration parameter " + key + " must be "
            + "a positive duration such as \"5 s\" or \"500 ms\" (units ns, μs, ms, s, m, h, d; or ISO-8601 such as "
            + "\"PT5S\"), but was '" + text + "'.", cause);
    }

    static ExtensionConfigurationException invalidTimeout(String annotation, Method method, String text,
                                                          Throwable cause) {
        return new ExtensionConfigurationException(String.format("Configuration error: %s on method [%s] must "
            + "declare timeout as a positive duration such as \"5 s\" or \"500 ms\" (units ns, μs, ms, s, m, h, "
            + "d), but was '%s'.", annotation, method.toGenericString(), text), cause);
    }

    static ExtensionConfigurationException virtualDispatchersOnRealTime(String annotation, Method method,
                                                                        Object dispatcher, Throwable cause) {
        return new ExtensionConfigurationException(String.format("Configuration error: %s on method [%s] must "
            + "not combine virtualDispatchers = true with dispatcher = %s: virtual dispatchers run on the "
            + "test's virtual clock, %s on real time. Drop one of the two.", annotation,
            method.toGenericString(), dispatcher, dispatcher), cause);
    }

    static ExtensionConfigurationException invalidSeed(String key, String text, Throwable cause) {
        return new ExtensionConfigurationException("Configuration error: " + key + " must be a seed such as 0x5EED "
            + "or 24301, but was '" + text + "'.", cause);
    }

    static ExtensionConfigurationException runsNotPositive(Method method, int runs) {
        return new ExtensionConfigurationException(String.format("Configuration error: @ExploreSchedules on method "
            + "[%s] must declare runs as a positive number, but was %d.", method.toGenericString(), runs));
    }

    static IllegalStateException scopeUsedOutsideMethod(Object method) {
        return new IllegalStateException("The CoroutineTestScope of " + method + " is used outside the method's "
            + "run: it is valid only while the method runs. Keep using it inside the method.");
    }
}
