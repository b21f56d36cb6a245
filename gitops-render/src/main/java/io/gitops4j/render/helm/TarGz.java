package io.gitops4j.render.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Extracts a gzipped tar archive (a packaged Helm chart) into a directory. Regular files and
 * directories only; entries that would land outside the target directory are refused.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    static void extract(Path archive, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                if (type == 'L') {
                    longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                Path destination = target.resolve(name).normalize();
                if (!destination.startsWith(target)) {
                    throw new HelmException("the chart archive " + archive.getFileName() + " has an entry outside it: " + name);
                }
                if (type == '5') {
                    Files.createDirectories(destination);
                } else if (type == '0' || type == '\0') {
                    Files.createDirectories(destination.getParent());
                    Files.write(destination, content);
                }
            }
        }
    }

    private static String name(byte[] header) {
        String prefix = text(header, 345, 155);
        String name = text(header, 0, 100);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        return read == buffer.length;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
