package dev.herder.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of each published artifact, pinned: every public type of its public packages with its public and
 * protected members, compared with the baseline committed at {@code <module>/api/<artifact>.api} (the idea of
 * kotlinx's binary-compatibility validator). A change to the surface fails here until the baseline is updated on
 * purpose: {@code mvn -B verify -pl build-checks -am -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dherder.api.update=true}, then review the diff.
 * Internal packages ({@code dev.herder.internal}, {@code dev.herder.bridge}) are not part of it.
 */
class PublicApiTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "core-java, herder-core, dev.herder.Coroutines, dev.herder;dev.herder.flow;dev.herder.mock",
        "junit-integration, herder-junit, dev.herder.junit.CoroutineTest, dev.herder.junit",
        "junit4-integration, herder-junit4, dev.herder.junit4.CoroutineTestRule, dev.herder.junit4",
    })
    void thePublicApiMatchesItsBaseline(String module, String artifact, String anchor, String packages) throws Exception {
        List<String> dump = ShippedClasses.read(anchor, root -> dump(root, packages.split(";")));
        Path baseline = Path.of("..", module, "api", artifact + ".api");
        if (Boolean.getBoolean("herder.api.update")) {
            Files.createDirectories(baseline.getParent());
            Files.write(baseline, dump);
        }
        assertThat(baseline).as("the API baseline of %s; create it with -Dherder.api.update=true", artifact).exists();
        assertThat(dump).as("the public API of %s against %s: if the change is intended, update the baseline with "
                + "-Dherder.api.update=true and review its diff", artifact, baseline)
            .containsExactlyElementsOf(Files.readAllLines(baseline));
    }

    private static List<String> dump(Path classes, String[] packages) throws IOException, ClassNotFoundException {
        List<String> lines = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
                    .map(f -> pkg + "." + f.substring(0, f.length() - ".class".length()))
                    .sorted().toList();
            }
            for (String name : names) {
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isVisible(type)) {
                    lines.addAll(describe(type));
                }
            }
        }
        return lines;
    }

    /** Public, and every enclosing type public too (a public nested type of a package-private class is not API). */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> describe(Class<?> type) {
        List<String> lines = new ArrayList<>();
        lines.add(typeLine(type));
        List<String> members = new ArrayList<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (isApi(c.getModifiers()) && !c.isSynthetic()) {
                members.add("  " + c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (isApi(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                members.add("  " + m.toGenericString());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (isApi(f.getModifiers()) && !f.isSynthetic()) {
                members.add("  " + f.toGenericString());
            }
        }
        members.sort(null);
        lines.addAll(members);
        return lines;
    }

    /**
     * A type's line, written out here rather than by {@code Class.toGenericString()}, whose wording changes between
     * JDKs (sealed and record types): modifiers, kind, name with type parameters, supertypes.
     */
    private static String typeLine(Class<?> type) {
        StringBuilder b = new StringBuilder(java.lang.reflect.Modifier.toString(type.getModifiers()
            & (type.isInterface() ? Modifier.interfaceModifiers() : Modifier.classModifiers())));
        if (type.isSealed()) {
            b.append(" sealed");
        }
        b.append(type.isAnnotation() ? " @interface " : type.isInterface() ? " interface "
            : type.isEnum() ? " enum " : type.isRecord() ? " record " : " class ").append(type.getName());
        java.lang.reflect.TypeVariable<?>[] parameters = type.getTypeParameters();
        if (parameters.length > 0) {
            b.append(Arrays.stream(parameters).map(java.lang.reflect.TypeVariable::getName)
                .collect(java.util.stream.Collectors.joining(",", "<", ">")));
        }
        java.lang.reflect.Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            b.append(" extends ").append(superclass.getTypeName());
        }
        java.lang.reflect.Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            b.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
                .map(java.lang.reflect.Type::getTypeName).collect(java.util.stream.Collectors.joining(",")));
        }
        return b.toString().trim();
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
