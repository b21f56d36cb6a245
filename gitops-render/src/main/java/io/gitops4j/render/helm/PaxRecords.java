package io.gitops4j.render.helm;

import java.nio.charset.StandardCharsets;

/**
 * The records of a PAX extended header ({@code "<length> <key>=<value>\n"}) that matter for
 * extracting the next entry: its {@code path} and {@code size}.
 *
 * @param path the next entry's name; {@code null} to keep the one in its header
 * @param size the next entry's size; -1 to keep the one in its header
 */
record PaxRecords(String path, long size) {

    static PaxRecords parse(byte[] content, String archive) {
        String path = null;
        long size = -1;
        int position = 0;
        while (position < content.length && content[position] != 0) {
            int space = indexOf(content, (byte) ' ', position);
            long length = space < 0 ? -1 : number(new String(content, position, space - position, StandardCharsets.UTF_8));
            if (length <= space - position || position + length > content.length || content[(int) (position + length - 1)] != '\n') {
                throw new HelmException("the chart archive " + archive + " has a malformed PAX header");
            }
            String record = new String(content, space + 1, (int) (position + length - space - 2), StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                String key = record.substring(0, equals);
                String value = record.substring(equals + 1);
                if (key.equals("path")) {
                    path = value;
                } else if (key.equals("size")) {
                    size = number(value);
                    if (size < 0) {
                        throw new HelmException("the chart archive " + archive + " has a PAX size that is not a number");
                    }
                }
            }
            position += (int) length;
        }
        return new PaxRecords(path, size);
    }

    private static int indexOf(byte[] content, byte wanted, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
