package dev.herder.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the compiled artifacts promise their users, checked on the classes as shipped (every class a class file names,
 * annotations included, is in its constant pool).
 *
 * <p>Herder's packages depend on each other in one direction: the JUnit integrations use only core's public API; the
 * internal package takes its own types (a {@code RunSpec}, a runner {@code Body}), never the public
 * {@code TestOptions}/{@code TestBody}; the Kotlin bridge knows nothing of the Java side, and its kotlinx seam nothing of
 * the rest of the bridge.
 *
 * <p>Internals are marked for tools: every public type of {@code dev.herder.internal} and {@code dev.herder.bridge}
 * carries {@code @API(status = INTERNAL)} (apiguardian, as JUnit's) and {@code @ApiStatus.Internal} (JetBrains', which
 * IntelliJ flags at the use site). Every public interface of the public packages is either one users implement (with
 * a lambda) or marked {@code @ApiStatus.NonExtendable}: a new interface has to be put on one side.
 */
class ApiSurfaceTest {
    private static final Pattern CLASS_NAME = Pattern.compile("dev/herder/[A-Za-z0-9_/$]+");

    @Test
    void theJUnitIntegrationsUseOnlyCoresPublicApi() throws Exception {
        for (String anchor : List.of("dev.herder.junit.CoroutineTest", "dev.herder.junit4.CoroutineTestRule")) {
            assertThat(references(anchor, "dev/herder/junit"))
                .as("classes of %s's artifact that name an internal class", anchor)
                .noneMatch(r -> r.contains(" -> dev/herder/internal/") || r.contains(" -> dev/herder/bridge/"));
        }
    }

    @Test
    void internalCodeNeverTakesThePublicOptionsOrBody() throws Exception {
        assertThat(references("dev.herder.Coroutines", "dev/herder/internal/"))
            .noneMatch(r -> r.endsWith(" -> dev/herder/TestOptions") || r.endsWith(" -> dev/herder/TestBody"));
    }

    @Test
    void theKotlinBridgeKnowsNothingOfTheJavaSide() throws Exception {
        assertThat(references("dev.herder.bridge.TestRun", "dev/herder/bridge/"))
            .allMatch(r -> r.substring(r.indexOf(" -> ") + 4).startsWith("dev/herder/bridge/"));
    }

    @Test
    void theKotlinxSeamKnowsNothingOfTheRestOfTheBridge() throws Exception {
        // the seam (dev.herder.bridge.kotlinx) is what changes with kotlinx: what it needs from the bridge, it is handed
        assertThat(references("dev.herder.bridge.TestRun", "dev/herder/bridge/kotlinx/"))
            .allMatch(r -> r.substring(r.indexOf(" -> ") + 4).startsWith("dev/herder/bridge/kotlinx/"));
    }

    /** Public interfaces users implement, usually with a lambda; every other public interface is non-extendable. */
    private static final Set<String> IMPLEMENTED_BY_USERS = Set.of("dev/herder/SuspendCall", "dev/herder/TestBody",
        "dev/herder/mock/MockCall", "dev/herder/mock/OrderedCalls", "dev/herder/mock/SuspendAnswer");

    @Test
    void everyPublicInternalTypeIsMarkedInternal() throws Exception {
        List<String> unmarked = new ArrayList<>();
        int checked = 0;
        for (String anchor : List.of("dev.herder.internal.Failures", "dev.herder.bridge.TestRun")) {
            String pkg = anchor.substring(0, anchor.lastIndexOf('.')).replace('.', '/') + "/";
            for (ClassFile file : classes(anchor, pkg)) {
                if (file.isPublicTopLevel() && !file.name.endsWith("Kt")) {   // Kt: a Kotlin file facade, not a type
                    checked++;
                    if (!file.names("Lorg/apiguardian/api/API;") || !file.names("Lorg/jetbrains/annotations/ApiStatus$Internal;")) {
                        unmarked.add(file.name);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(unmarked).as("public internal types without @API(status = INTERNAL) and @ApiStatus.Internal").isEmpty();
    }

    @Test
    void everyPublicInterfaceIsImplementedByUsersOrMarkedNonExtendable() throws Exception {
        List<String> undecided = new ArrayList<>();
        List<String> nonExtendable = new ArrayList<>();
        for (String pkg : List.of("dev/herder/", "dev/herder/flow/", "dev/herder/mock/")) {
            for (ClassFile file : classes("dev.herder.Coroutines", pkg)) {
                Class<?> type = Class.forName(file.name.replace('/', '.'), false, getClass().getClassLoader());
                if (!file.name.startsWith(pkg) || file.name.substring(pkg.length()).contains("/")
                    || !type.isInterface() || type.isAnnotation() || type.isSealed()
                    || !java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                    continue;
                }
                if (file.names("Lorg/jetbrains/annotations/ApiStatus$NonExtendable;")) {
                    nonExtendable.add(file.name);
                } else if (!IMPLEMENTED_BY_USERS.contains(file.name)) {
                    undecided.add(file.name);
                }
            }
        }
        assertThat(undecided).as("public interfaces neither implemented by users nor marked @ApiStatus.NonExtendable")
            .isEmpty();
        assertThat(nonExtendable).containsExactlyInAnyOrder("dev/herder/CoroutineTestScope",
            "dev/herder/flow/FlowProbe", "dev/herder/mock/SuspendStubbing", "dev/herder/mock/OrderedCalls$Calls");
    }

    @Test
    void theCheckSeesReferences() throws Exception {
        // the public entry point does call into internal code: the scan must see that, or the rules above prove nothing
        assertThat(references("dev.herder.Coroutines", "dev/herder/Coroutines"))
            .contains("dev/herder/Coroutines.class -> dev/herder/internal/run/TestDriver");
    }

    /** "from.class -> to" for each Herder class named by a class under {@code prefix} of {@code anchor}'s artifact. */
    private static List<String> references(String anchor, String prefix) throws Exception {
        List<String> found = new ArrayList<>();
        for (ClassFile file : classes(anchor, prefix)) {
            Matcher m = CLASS_NAME.matcher(file.text);
            while (m.find()) {
                String target = m.group().replaceAll("\\$.*", "");
                if (!target.equals(file.name.replaceAll("\\$.*", ""))) {
                    found.add(file.name + ".class -> " + target);
                }
            }
        }
        assertThat(found).as("references found under %s in %s's artifact", prefix, anchor).isNotEmpty();
        return found;
    }

    /** A class file: its binary name ({@code dev/herder/Foo$Bar}) and its bytes, readable as ISO-8859-1 text. */
    private record ClassFile(String name, String text) {
        /** Whether the constant pool holds {@code utf8} (a class name, a descriptor, an annotation type). */
        boolean names(String utf8) {
            return text.contains(utf8);
        }

        boolean isPublicTopLevel() throws ClassNotFoundException {
            if (name.contains("$")) {
                return false;
            }
            Class<?> type = Class.forName(name.replace('/', '.'), false, ApiSurfaceTest.class.getClassLoader());
            return java.lang.reflect.Modifier.isPublic(type.getModifiers()) && !type.isSynthetic();
        }
    }

    /** The class files under {@code prefix} in the artifact (jar or reactor directory) that holds {@code anchor}. */
    private static List<ClassFile> classes(String anchor, String prefix) throws Exception {
        return ShippedClasses.read(anchor, root -> scan(root, prefix));
    }

    private static List<ClassFile> scan(Path root, String prefix) throws IOException {
        List<ClassFile> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
                if (name.startsWith(prefix)) {
                    // class names in a class file are modified UTF-8 in its constant pool: ISO-8859-1 keeps them readable
                    found.add(new ClassFile(name, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
                }
            }
        }
        assertThat(found).as("class files under %s in %s", prefix, root).isNotEmpty();
        return found;
    }
}
