package io.gitops4j.render.helm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Builds gzipped tar archives byte by byte for tests, hostile ones included: any entry type, any
 * name, and headers that declare sizes their data does not have.
 */
final class TarBuilder {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A regular file. */
    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A regular file. */
    TarBuilder file(String name, byte[] content) {
        header(name, content.length, '0', "");
        data(content);
        return this;
    }

    /** A directory. */
    TarBuilder directory(String name) {
        header(name, 0, '5', "");
        return this;
    }

    /** A symbolic ({@code '2'}) or hard ({@code '1'}) link. */
    TarBuilder link(String name, char type, String target) {
        header(name, 0, type, target);
        return this;
    }

    /** A file whose header declares {@code declaredSize} (octal) but that carries only {@code content}. */
    TarBuilder lyingFile(String name, long declaredSize, byte[] content) {
        header(name, declaredSize, '0', "");
        data(content);
        return this;
    }

    /** A file whose header declares {@code declaredSize} in base-256, as for sizes past 8 GiB. */
    TarBuilder lyingBase256File(String name, long declaredSize, byte[] content) {
        byte[] header = headerBytes(name, 0, '0', "");
        Arrays.fill(header, 124, 136, (byte) 0);
        header[124] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            header[135 - i] = (byte) (declaredSize >>> (8 * i));
        }
        checksum(header);
        tar.writeBytes(header);
        data(content);
        return this;
    }

    /** The archive, gzipped. */
    byte[] gzip() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(tar.toByteArray());
                gzip.write(new byte[1024]);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the gzipped archive to {@code file}, creating its directory. */
    Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, gzip());
    }

    private void header(String name, long size, char type, String link) {
        tar.writeBytes(headerBytes(name, size, type, link));
    }

    private static byte[] headerBytes(String name, long size, char type, String link) {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        put(header, 100, 8, "0000644");
        put(header, 108, 8, "0000000");
        put(header, 116, 8, "0000000");
        put(header, 124, 12, String.format("%011o", size));
        put(header, 136, 12, "00000000000");
        header[156] = (byte) type;
        put(header, 157, 100, link);
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        checksum(header);
        return header;
    }

    private static void checksum(byte[] header) {
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o", sum) + "\0");
    }

    private void data(byte[] content) {
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
    }
}
