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
 * the other documents ({@code docs/*.md}, {@code benchmarks/README.md}); and every Java or Kotlin block of the README
 * is one of those regions, so the README shows only code that compiles and runs.
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
    void everyJavaAndKotlinBlockOfTheReadmeIsACompiledSample() throws IOException {
        List<String> samples = snippets().stream().map(Snippet::code).toList();
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```(java|kotlin)\n(.*?)```", java.util.regex.Pattern.DOTALL)
            .matcher(Files.readString(README));
        int blocks = 0;
        while (block.find()) {
            blocks++;
            assertThat(samples).as("a %s block of the README that is not a marked region of a compiled sample:%n%s",
                block.group(1), block.group(2)).contains(block.group(2));
        }
        assertThat(blocks).isGreaterThanOrEqualTo(10);
    }

    /** Moving a section or a sample must not leave a dead link behind: files must exist, anchors must be headings. */
    @Test
    void everyRelativeLinkOfTheDocumentsLeadsSomewhere() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(README, Path.of("..", "benchmarks", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> dead = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            java.util.regex.Matcher m = link.matcher(Files.readString(document));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                Path file = hash == 0 ? document : document.getParent().resolve(hash < 0 ? target : target.substring(0, hash));
                if (!Files.exists(file)) {
                    dead.add(document + " -> " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
                    dead.add(document + " -> " + target + " (no such heading)");
                }
            }
        }
        assertThat(links).isGreaterThan(50);
        assertThat(dead).as("dead links").isEmpty();
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream().filter(l -> l.startsWith("#"))
            .map(l -> l.replaceFirst("^#+ ", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\- _]", "").replace(' ', '-'))
            .toList();
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
