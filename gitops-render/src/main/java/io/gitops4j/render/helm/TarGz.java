package io.gitops4j.render.helm;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Extracts a gzipped tar archive (a packaged Helm chart) into a directory, streaming each entry to
 * disk. Only regular files and directories are written; links, devices and pipes are refused, as are
 * entries outside the target directory. Every entry is counted against the chart's
 * {@link ChartBudget} by the size its header declares, before a byte of it is read, so an archive
 * that claims gigabytes is refused at once. Reads USTAR, GNU long names and PAX {@code path} and
 * {@code size} records.
 */
final class TarGz {

    private static final int BLOCK = 512;
    /** The largest GNU long-name or PAX header kept in memory. */
    private static final int MAX_HEADER_RECORD = 1 << 20;

    private final InputStream in;
    private final String archive;
    private final Path target;
    private final ChartBudget budget;

    private TarGz(InputStream in, String archive, Path target, ChartBudget budget) {
        this.in = in;
        this.archive = archive;
        this.target = target;
        this.budget = budget;
    }

    /**
     * @param archiveName the archive as messages name it (its place inside the chart, say)
     * @throws HelmException naming the archive and entry that is refused or over a limit
     */
    static void extract(Path archive, String archiveName, Path target, ChartBudget budget) throws IOException {
        Files.createDirectories(target);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 64 * 1024)) {
            new TarGz(in, archiveName, target, budget).run();
        } catch (ZipException | EOFException e) {
            throw new HelmException("the chart archive " + archiveName + " is not a complete gzipped tar archive: "
                    + e.getMessage(), e);
        }
    }

    private void run() throws IOException {
        byte[] header = new byte[BLOCK];
        String nextName = null;
        long nextSize = -1;
        while (readHeader(header)) {
            TarHeader entry = TarHeader.parse(header, archive);
            String name = nextName != null ? nextName : entry.name();
            long size = nextSize >= 0 ? nextSize : entry.size();
            nextName = null;
            nextSize = -1;
            switch (entry.type()) {
                case 'L' -> nextName = trimNul(new String(record(entry.size(), name), StandardCharsets.UTF_8));
                case 'x' -> {
                    PaxRecords pax = PaxRecords.parse(record(entry.size(), name), archive);
                    nextName = pax.path();
                    nextSize = pax.size();
                }
                case 'g', 'K' -> record(entry.size(), name);
                case '5' -> directory(name);
                case '0', '\0', '7' -> file(name, size);
                case '1', '2' -> throw refuse(name, "is a " + (entry.type() == '1' ? "hard" : "symbolic")
                        + " link; a chart archive may hold only files and directories");
                default -> throw refuse(name, "has the entry type '" + entry.type()
                        + "' (a device, pipe or unsupported kind); a chart archive may hold only files and directories");
            }
        }
    }

    private boolean readHeader(byte[] header) throws IOException {
        int read = in.readNBytes(header, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new HelmException("the chart archive " + archive + " ends in the middle of a header");
        }
        for (byte b : header) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private void directory(String name) throws IOException {
        Path destination = destination(name);
        budget.addEntry(archive + "/" + name);
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(name, "is both a file and a directory");
        }
        Files.createDirectories(destination);
    }

    private void file(String name, long size) throws IOException {
        Path destination = destination(name);
        budget.addEntry(archive + "/" + name);
        budget.addBytes(archive + "/" + name, size);
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(name, "is both a directory and a file");
        }
        Files.createDirectories(destination.getParent());
        try (OutputStream out = Files.newOutputStream(destination, LinkOption.NOFOLLOW_LINKS,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            copy(size, out, name);
        }
        skipPadding(size, name);
    }

    private byte[] record(long size, String name) throws IOException {
        if (size > MAX_HEADER_RECORD) {
            throw refuse(name, "has an extended header of " + size + " bytes, more than " + MAX_HEADER_RECORD);
        }
        byte[] content = in.readNBytes((int) size);
        if (content.length < size) {
            throw truncated(name);
        }
        skipPadding(size, name);
        return content;
    }

    private void copy(long size, OutputStream out, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = size;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw truncated(name);
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private void skipPadding(long size, String name) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        try {
            in.skipNBytes(padding);
        } catch (EOFException e) {
            throw truncated(name);
        }
    }

    /** Where an entry goes; Helm's rules: {@code \} separators allowed, nothing absolute or outside. */
    private Path destination(String name) {
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
            throw refuse(name, "has an absolute path");
        }
        Path destination = target.resolve(normalized).normalize();
        if (!destination.startsWith(target) || destination.equals(target)) {
            throw refuse(name, "lies outside the chart");
        }
        return destination;
    }

    private HelmException refuse(String name, String problem) {
        return new HelmException("the chart archive " + archive + " has an entry " + name + " that " + problem
                + "; refusing it");
    }

    private HelmException truncated(String name) {
        return new HelmException("the chart archive " + archive + " ends in the middle of the entry " + name);
    }

    private static String trimNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }
}
