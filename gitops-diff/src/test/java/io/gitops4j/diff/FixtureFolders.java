package io.gitops4j.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The case folders of a test resource folder such as {@code /diff} or {@code /smp}. */
public final class FixtureFolders {

    private FixtureFolders() {
    }

    /** The names of the case folders under a resource folder, sorted. */
    public static Stream<String> names(String resourceFolder) {
        try (Stream<Path> dirs = Files.list(path(resourceFolder))) {
            List<String> names = dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file system path of a resource folder. */
    public static Path path(String resourceFolder) {
        try {
            return Path.of(Objects.requireNonNull(FixtureFolders.class.getResource(resourceFolder), resourceFolder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
