package io.gitops4j.core.appset;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The path globs of the {@code git} generator, compiled to regular expressions that cannot
 * backtrack without bound (only {@code .*}, {@code [^/]*} and literal text).
 * <ul>
 * <li>{@link #pathMatch}: Go's {@code path.Match}, used for {@code directories}: {@code *}
 * and {@code ?} stay within one segment, {@code [...]} classes, {@code \} escapes.
 * <li>{@link #gitPathspec}: {@code git ls-files -- <pattern>}, Argo CD's default for
 * {@code files}: {@code *} and {@code ?} also match {@code /}, and a pattern without
 * wildcards names a file or everything under a directory.
 * <li>{@link #doublestar}: Argo CD's "new git file globbing" for {@code files}: {@code *}
 * within a segment, {@code **} across segments, {@code {a,b}} alternatives.
 * </ul>
 */
final class PathPatterns {

    private PathPatterns() {
    }

    /** A compiled Go {@code path.Match} pattern, or empty when the pattern is malformed (Go: no match). */
    static Optional<Pattern> pathMatch(String glob) {
        return compile(glob, false, false);
    }

    static Optional<Pattern> gitPathspec(String glob) {
        if (!glob.matches(".*[*?\\[].*")) {
            String literal = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
            return Optional.of(Pattern.compile(Pattern.quote(literal) + "(?:/.*)?", Pattern.DOTALL));
        }
        return compile(glob, true, false);
    }

    static Optional<Pattern> doublestar(String glob) {
        return compile(glob, false, true);
    }

    private static Optional<Pattern> compile(String glob, boolean starCrossesSlash, boolean doublestar) {
        StringBuilder regex = new StringBuilder();
        int alternatives = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (doublestar && glob.startsWith("**", i) && (i == 0 || glob.charAt(i - 1) == '/')
                            && (i + 2 == glob.length() || glob.charAt(i + 2) == '/')) {
                        if (i + 2 < glob.length()) {
                            regex.append("(?:.*/)?");
                            i += 2; // the '/' after **
                        } else {
                            regex.append(".*");
                            i++;
                        }
                    } else if (starCrossesSlash) {
                        regex.append(".*");
                    } else {
                        while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                            i++;
                        }
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append(starCrossesSlash ? "." : "[^/]");
                case '[' -> {
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        return Optional.empty();
                    }
                    regex.append(characterClass(glob.substring(i + 1, close)));
                    i = close;
                }
                case '\\' -> {
                    if (++i >= glob.length()) {
                        return Optional.empty();
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                }
                case '{' -> {
                    if (doublestar) {
                        alternatives++;
                        regex.append("(?:");
                    } else {
                        regex.append("\\{");
                    }
                }
                case '}' -> {
                    if (doublestar && alternatives > 0) {
                        alternatives--;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(doublestar && alternatives > 0 ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (alternatives != 0) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '^' || glob.charAt(i) == '!')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++;
        }
        while (i < glob.length()) {
            if (glob.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (glob.charAt(i) == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '^' || body.charAt(0) == '!')) {
            out.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                c = body.charAt(++i);
                out.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            } else if (c == '-') {
                out.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        return out.append(']').toString();
    }
}
