package dev.herder.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's code comes from these compiled sample tests, so it cannot rot: every region between
 * {@code // README: <name>} and {@code // README: end} must appear, verbatim and dedented, in the README or one of
 * the other documents ({@code docs/*.md}, {@code benchmarks/README.md}).
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");

    /** The README and every other document a snippet may live in. */
    static String documents() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(README));
        List<Path> others = new ArrayList<>(List.of(Path.of("..", "benchmarks", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(others::add);
        }
        for (Path doc : others) {
            all.append("\n").append(Files.readString(doc));
        }
        return all.toString();
    }

    record Snippet(Path file, String name, String code) {}

    static List<Snippet> snippets() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "test"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".kt")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String marker = lines.get(i).trim();
                    if (marker.startsWith("// README: ") && !marker.equals("// README: end")) {
                        int end = i + 1;
                        while (!lines.get(end).trim().equals("// README: end")) {
                            end++;
                        }
                        snippets.add(new Snippet(file, marker.substring("// README: ".length()), dedent(lines.subList(i + 1, end))));
                        i = end;
                    }
                }
            }
        }
        return snippets;
    }

    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return b.toString();
    }

    @Test
    void everyMarkedSampleRegionIsInTheDocumentationVerbatim() throws IOException {
        String readme = documents();
        List<Snippet> snippets = snippets();
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(10);
        for (Snippet snippet : snippets) {
            assertThat(readme).as("documented region '%s' from %s", snippet.name(), snippet.file()).contains(snippet.code());
        }
    }
}
