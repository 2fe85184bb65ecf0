package dev.herder.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Herder's packages depend on each other in one direction: the JUnit integrations use only core's public API; the
 * internal package takes its own types (a {@code RunSpec}, a runner {@code Body}), never the public
 * {@code TestOptions}/{@code TestBody}; the Kotlin bridge knows nothing of the Java side. Checked on the compiled
 * classes (every class a class file names is in its constant pool), as they are shipped.
 */
class DependencyDirectionTest {
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
    void theCheckSeesReferences() throws Exception {
        // the public entry point does call into internal code: the scan must see that, or the rules above prove nothing
        assertThat(references("dev.herder.Coroutines", "dev/herder/Coroutines"))
            .contains("dev/herder/Coroutines.class -> dev/herder/internal/TestRunner");
    }

    /** "from.class -> to" for each Herder class named by a class under {@code prefix} of {@code anchor}'s artifact. */
    private static List<String> references(String anchor, String prefix) throws Exception {
        Path location = Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {   // the reactor's target/classes
            return scan(location, prefix);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {   // the installed jar
            return scan(jar.getPath("/"), prefix);
        }
    }

    private static List<String> scan(Path root, String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith(prefix)) {
                    continue;
                }
                // class names in a class file are modified UTF-8 in its constant pool: ISO-8859-1 keeps them readable
                Matcher m = CLASS_NAME.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String target = m.group().replaceAll("\\$.*", "");
                    String self = name.replaceAll("(\\$.*)?\\.class$", "");
                    if (!target.equals(self)) {
                        found.add(name + " -> " + target);
                    }
                }
            }
        }
        assertThat(found).as("references found under %s in %s", prefix, root).isNotEmpty();
        return found;
    }
}
