package dev.herder.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's code is compiled code, so it cannot rot. Two rules, checked both ways:
 * <ul>
 *   <li>every region between {@code // README: <name>} and {@code // README: end} of a compiled source — the samples'
 *       main and test sources, or any module's test sources — appears, verbatim and dedented, in the README or one of
 *       the other documents ({@code docs/*.md}, {@code benchmarks/README.md});</li>
 *   <li>every Java or Kotlin block of those documents (a fence whose language is {@code java} or {@code kotlin},
 *       indented or not) is one of those regions. Anything else — output, a build file, pseudo-code that shows what
 *       does not work — is fenced with another language ({@code text}, {@code xml}, {@code kts}…).</li>
 * </ul>
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path README = ROOT.resolve("README.md");
    private static final Set<String> COMPILED_LANGUAGES = Set.of("java", "kotlin", "kt");
    private static final Pattern FENCE = Pattern.compile("^( *)```\\s*([^`\\s]*).*$");

    /** The README and every other document a snippet may live in. */
    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(README, ROOT.resolve("benchmarks").resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The source folders whose code is compiled by {@code mvn -B verify}: every module's tests, and the samples. */
    static List<Path> compiledSourceFolders() throws IOException {
        List<Path> folders = new ArrayList<>(List.of(ROOT.resolve("samples").resolve("src").resolve("main")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("src").resolve("test")).filter(Files::isDirectory).sorted().forEach(folders::add);
        }
        return folders;
    }

    record Snippet(Path file, int line, String name, String code) {}

    static List<Snippet> snippets() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path folder : compiledSourceFolders()) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".kt")).sorted().toList();
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String marker = lines.get(i).trim();
                    if (marker.startsWith("// README: ") && !marker.equals("// README: end")) {
                        int end = i + 1;
                        while (end < lines.size() && !lines.get(end).trim().equals("// README: end")) {
                            end++;
                        }
                        assertThat(end).as("%s:%d: region '%s' has no '// README: end'", file, i + 1, marker)
                            .isLessThan(lines.size());
                        snippets.add(new Snippet(file, i + 1, marker.substring("// README: ".length()),
                            dedent(lines.subList(i + 1, end))));
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
            b.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length()))).append('\n');
        }
        return b.toString();
    }

    record Block(Path document, int line, String language, String code) {}

    /** The fenced blocks of a Markdown document, each dedented by its fence's indent (a block inside a list item). */
    static List<Block> blocks(Path document) throws IOException {
        List<String> lines = Files.readAllLines(document);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).equals(indent + "```")) {
                end++;
            }
            assertThat(end).as("%s:%d: a code block that is never closed", document, i + 1).isLessThan(lines.size());
            StringBuilder code = new StringBuilder();
            for (String line : lines.subList(i + 1, end)) {
                code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
            }
            blocks.add(new Block(document, i + 1, open.group(2).toLowerCase(Locale.ROOT), code.toString()));
            i = end;
        }
        return blocks;
    }

    @Test
    void everyJavaAndKotlinBlockOfTheDocumentsIsACompiledRegion() throws IOException {
        List<Snippet> snippets = snippets();
        List<String> uncompiled = new ArrayList<>();
        int compiled = 0;
        for (Path document : documents()) {
            for (Block block : blocks(document)) {
                if (!COMPILED_LANGUAGES.contains(block.language())) {
                    continue;
                }
                if (snippets.stream().anyMatch(s -> s.code().equals(block.code()))) {
                    compiled++;
                    continue;
                }
                uncompiled.add(describe(block, snippets));
            }
        }
        assertThat(uncompiled)
            .as("Java/Kotlin blocks of the documents that are not compiled code. Each must be a region of a compiled "
                + "source (samples/src/main, samples/src/test or a module's src/test) between '// README: <name>' and "
                + "'// README: end', pasted verbatim and dedented; or, if it is not code to compile (output, a build "
                + "file, pseudo-code), be fenced with another language (```text, ```xml, ```kts)")
            .isEmpty();
        assertThat(compiled).isGreaterThanOrEqualTo(30);
    }

    private static String describe(Block block, List<Snippet> snippets) {
        String first = block.code().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        String near = snippets.stream()
            .filter(s -> !first.isEmpty() && s.code().lines().anyMatch(l -> l.strip().equals(first)))
            .map(s -> String.format("; region '%s' at %s:%d starts alike but differs: copy it again", s.name(),
                ROOT.relativize(s.file()), s.line()))
            .findFirst().orElse("");
        return String.format("%s:%d: a ```%s block starting \"%s\"%s", ROOT.relativize(block.document()), block.line(),
            block.language(), first, near);
    }

    /** Moving a section or a sample must not leave a dead link behind: files must exist, anchors must be headings. */
    @Test
    void everyRelativeLinkOfTheDocumentsLeadsSomewhere() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> dead = new ArrayList<>();
        int links = 0;
        for (Path document : documents()) {
            Matcher m = link.matcher(Files.readString(document));
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
            .map(l -> l.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\- _]", "").replace(' ', '-'))
            .toList();
    }

    @Test
    void everyMarkedRegionIsInTheDocumentationVerbatim() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path document : documents()) {
            all.append(Files.readString(document)).append('\n');
        }
        List<Snippet> snippets = snippets();
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(30);
        for (Snippet snippet : snippets) {
            assertThat(all.toString()).as("documented region '%s' from %s:%d", snippet.name(),
                ROOT.relativize(snippet.file()), snippet.line()).contains(snippet.code());
        }
    }
}
