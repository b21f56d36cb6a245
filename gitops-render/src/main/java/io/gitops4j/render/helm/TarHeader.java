package io.gitops4j.render.helm;

import java.nio.charset.StandardCharsets;

/**
 * One 512-byte tar header: the entry's name (with the USTAR prefix), its declared size (octal, or
 * base-256 for sizes past 8 GiB) and its type; the checksum is verified.
 *
 * @param name the entry name as written in the header
 * @param size the size of the entry's data, as declared
 * @param type the type flag ({@code '0'} file, {@code '5'} directory, {@code '2'} symbolic link...)
 */
record TarHeader(String name, long size, char type) {

    static TarHeader parse(byte[] header, String archive) {
        verifyChecksum(header, archive);
        String name = text(header, 0, 100);
        boolean posix = text(header, 257, 6).equals("ustar") && header[263] == '0' && header[264] == '0';
        String prefix = posix ? text(header, 345, 155) : "";
        return new TarHeader(prefix.isEmpty() ? name : prefix + "/" + name, size(header, archive, name),
                (char) header[156]);
    }

    private static long size(byte[] header, String archive, String name) {
        if ((header[124] & 0x80) != 0) {
            if ((header[124] & 0x40) != 0) {
                throw new HelmException("the chart archive " + archive + " declares a negative size for " + name);
            }
            long size = header[124] & 0x3f;
            for (int i = 125; i < 136; i++) {
                if (size > (Long.MAX_VALUE >> 8)) {
                    throw new HelmException("the chart archive " + archive + " declares an impossible size for " + name);
                }
                size = (size << 8) | (header[i] & 0xff);
            }
            return size;
        }
        return octal(header, 124, 12, archive, name);
    }

    private static void verifyChecksum(byte[] header, String archive) {
        long expected = octal(header, 148, 8, archive, "a header");
        long sum = 0;
        for (int i = 0; i < header.length; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != expected) {
            throw new HelmException("the chart archive " + archive + " is corrupt: a tar header's checksum does not match");
        }
    }

    private static long octal(byte[] header, int offset, int length, String archive, String name) {
        String digits = text(header, offset, length).trim();
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new HelmException("the chart archive " + archive + " has an unreadable number in the header of "
                    + name + ": '" + digits + "'", e);
        }
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
