package io.gitops4j.kube.internal.yaml;

import java.io.StringReader;
import java.util.BitSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The text SnakeYAML's scanner reads, held whole in memory.
 *
 * <p>SnakeYAML's own reader keeps a window of the input that it copies again every 1,024
 * characters while one token is being scanned, so a long scalar costs time quadratic in its length
 * (a 16 MB scalar took almost a minute). The manifests are already in memory as a {@code String},
 * so this reader looks characters up directly: every operation is constant time per character.
 *
 * <p>It also makes the scanner see tabs the way go-yaml does. go-yaml (and so kubectl, Kustomize and
 * Argo CD) accepts a tab wherever it separates tokens, except where a simple key could start: in a
 * line's indentation and after a block indicator ({@code -}, {@code ?}, {@code :} followed by a
 * blank). SnakeYAML accepts only spaces there. Such separating tabs are shown to the scanner as
 * spaces; every piece of text the scanner takes as content ({@link #prefix}) is the original, tabs
 * included. A tab right after a backslash is left alone, so the escape {@code "\<TAB>"} keeps its
 * meaning.
 *
 * <p>It counts the characters of the current document and stops, with a {@link YamlProblem}, as soon
 * as a document grows past the limit, before the scanner builds the rest of it.
 */
final class TextReader extends StreamReader {

    private static final int[] NO_SNIPPET = new int[0];

    private final String text;
    /** Code points when the text has surrogate pairs; {@code null} when chars are code points. */
    private final int[] codePoints;
    private final int length;
    /** Positions of tabs shown to the scanner as spaces; {@code null} when there are none. */
    private final BitSet separatorTabs;
    private final int maxDocumentSize;

    private int pointer;
    private int line;
    private int column;
    private int documentIndex;

    TextReader(String text, int maxDocumentSize) {
        super(new StringReader(""));
        this.text = text;
        this.maxDocumentSize = maxDocumentSize;
        Scan scan = Scan.of(text);
        this.codePoints = scan.hasSurrogates ? text.codePoints().toArray() : null;
        this.length = codePoints == null ? text.length() : codePoints.length;
        this.separatorTabs = scan.hasTabs ? separatorTabs() : null;
    }

    private int at(int position) {
        return codePoints == null ? text.charAt(position) : codePoints[position];
    }

    @Override
    public Mark getMark() {
        return new Mark("yaml", pointer, line, column, NO_SNIPPET, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int count) {
        for (int i = 0; i < count && pointer < length; i++) {
            int c = at(pointer++);
            if (c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029
                    || (c == '\r' && (pointer >= length || at(pointer) != '\n'))) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
        documentIndex += count;
        checkDocumentSize(0);
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int offset) {
        int position = pointer + offset;
        if (position >= length) {
            return 0;
        }
        int c = at(position);
        return c == '\t' && separatorTabs != null && separatorTabs.get(position) ? ' ' : c;
    }

    @Override
    public String prefix(int count) {
        if (count == 0) {
            return "";
        }
        checkDocumentSize(count);
        int end = Math.min(length, pointer + count);
        return codePoints == null ? text.substring(pointer, end) : new String(codePoints, pointer, end - pointer);
    }

    @Override
    public String prefixForward(int count) {
        String prefix = prefix(count);
        pointer = Math.min(length, pointer + count);
        documentIndex += count;
        column += count;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getLine() {
        return line;
    }

    private void checkDocumentSize(int ahead) {
        if (documentIndex + (long) ahead > maxDocumentSize) {
            throw YamlProblem.limit(line + 1, "a YAML document is larger than " + Limits.format(maxDocumentSize)
                    + " characters", "maxDocumentSize");
        }
    }

    /**
     * Tabs that separate tokens where go-yaml accepts a tab: after something other than
     * indentation and block indicators on their line, and not right after a backslash.
     */
    private BitSet separatorTabs() {
        BitSet tabs = new BitSet();
        boolean onlyIndicators = true;
        int previous = '\n';
        for (int i = 0; i < length; i++) {
            int c = at(i);
            if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                onlyIndicators = true;
            } else if (c == '\t') {
                if (!onlyIndicators && previous != '\\') {
                    tabs.set(i);
                }
            } else if (c != ' ' && !(isBlockIndicator(c) && (i + 1 >= length || isBlankOrBreak(at(i + 1))))) {
                onlyIndicators = false;
            }
            previous = c;
        }
        return tabs;
    }

    private static boolean isBlockIndicator(int c) {
        return c == '-' || c == '?' || c == ':';
    }

    private static boolean isBlankOrBreak(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** One pass over the text: refuses characters YAML forbids, notes surrogates and tabs. */
    private record Scan(boolean hasSurrogates, boolean hasTabs) {

        static Scan of(String text) {
            boolean surrogates = false;
            boolean tabs = false;
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                } else if (c == '\t') {
                    tabs = true;
                } else if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        surrogates = true;
                        i++;
                    } else {
                        throw new YamlProblem(line, "the text holds a lone UTF-16 surrogate (U+"
                                + Integer.toHexString(c).toUpperCase() + "); it is not valid Unicode");
                    }
                } else if (!isPrintable(c)) {
                    throw new YamlProblem(line, String.format(
                            "control character U+%04X is not allowed in YAML (kubectl refuses it too);"
                                    + " remove it or write it as an escape in a double-quoted string", (int) c));
                }
            }
            return new Scan(surrogates, tabs);
        }
    }
}
