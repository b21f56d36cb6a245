package io.gitops4j.render.kustomize.internal.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an exec plugin's {@code argsOneLiner} into arguments as Kustomize does: white space
 * separates, single and double quotes group, a backslash escapes the next character (not inside
 * single quotes), and {@code #} outside quotes ends the line.
 */
final class Shlex {

    private Shlex() {
    }

    /**
     * @throws IllegalArgumentException when a quote is not closed
     */
    static List<String> split(String line) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int quote = 0;
        boolean escaped = false;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            i += Character.charCount(c);
            if (escaped) {
                current.appendCodePoint(c);
                escaped = false;
            } else if (c == '\\' && quote != '\'') {
                escaped = true;
            } else if ((c == '\'' || c == '"') && quote == 0) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '#' && quote == 0) {
                break;
            } else if (Character.isWhitespace(c) && quote == 0) {
                if (!current.isEmpty()) {
                    result.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.appendCodePoint(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("failed to parse argsOneLiner: unclosed quote in string");
        }
        if (!current.isEmpty()) {
            result.add(current.toString());
        }
        return result;
    }
}
