package dev.herder.checks;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/** The classes of a Herder artifact as the build produced them: the reactor's directory, or the installed jar. */
final class ShippedClasses {
    private ShippedClasses() {}

    /** Reads what {@code read} wants from the root of the artifact that holds {@code anchor}. */
    static <T> T read(String anchor, Reader<T> read) throws Exception {
        Path location = Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {   // the reactor's target/classes
            return read.from(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {   // the installed jar
            return read.from(jar.getPath("/"));
        }
    }

    @FunctionalInterface
    interface Reader<T> {
        T from(Path root) throws Exception;
    }
}
