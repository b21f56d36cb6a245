package io.gitops4j.render.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The download cache's two operations, shared by chart repositories and OCI registries: a
 * downloaded archive's SHA-256 (to check it against the digest it was published with) and its
 * atomic placement in the cache, so that a concurrent reader never sees half a file.
 */
final class ChartArchives {

    private ChartArchives() {
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Writes {@code content} to {@code archive} through a temporary file moved into place atomically. */
    static void store(Path archive, byte[] content) {
        try {
            Files.createDirectories(archive.getParent());
            Path temporary = Files.createTempFile(archive.getParent(), ".download-", ".tgz");
            Files.write(temporary, content);
            Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
