package io.gitops4j.core.project.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a glob into tokens exactly as gobwas/glob's lexer does (which characters are special
 * where, how escapes and classes read), so that {@link GoGlob} accepts and refuses the patterns
 * Argo CD accepts and refuses.
 */
final class GlobLexer {

    enum Type {
        TEXT, ANY, SUPER, SINGLE, RANGE_OPEN, NOT, RANGE_LO, RANGE_BETWEEN, RANGE_HI, RANGE_CLOSE, TERMS_OPEN,
        SEPARATOR, TERMS_CLOSE, EOF
    }

    record Token(Type type, String text) {
    }

    private static final int EOF = -1;
    private static final int[] TEXT_BREAKERS = {'?', '*', '[', '{'};
    private static final int[] TERMS_BREAKERS = {'?', '*', '[', '{', '}', ','};
    private static final int[] RANGE_BREAKERS = {']'};

    private final int[] input;
    private final List<Token> tokens = new ArrayList<>();
    private int position;
    private int termsLevel;

    private GlobLexer(String pattern) {
        this.input = pattern.codePoints().toArray();
    }

    /** The tokens of a pattern, ending with {@link Type#EOF}. */
    static List<Token> lex(String pattern) {
        GlobLexer lexer = new GlobLexer(pattern);
        while (lexer.fetchItem()) {
            // keep going until the end
        }
        return lexer.tokens;
    }

    private int read() {
        return position < input.length ? input[position++] : EOF;
    }

    private void unread() {
        if (position > 0) {
            position--;
        }
    }

    private int peek() {
        return position < input.length ? input[position] : EOF;
    }

    private boolean fetchItem() {
        int r = read();
        if (r == EOF) {
            tokens.add(new Token(Type.EOF, ""));
            return false;
        }
        if (r == '{') {
            termsLevel++;
            tokens.add(new Token(Type.TERMS_OPEN, "{"));
        } else if (r == ',' && termsLevel > 0) {
            tokens.add(new Token(Type.SEPARATOR, ","));
        } else if (r == '}' && termsLevel > 0) {
            tokens.add(new Token(Type.TERMS_CLOSE, "}"));
            termsLevel--;
        } else if (r == '[') {
            tokens.add(new Token(Type.RANGE_OPEN, "["));
            fetchRange();
        } else if (r == '?') {
            tokens.add(new Token(Type.SINGLE, "?"));
        } else if (r == '*') {
            if (peek() == '*') {
                position++;
                tokens.add(new Token(Type.SUPER, "**"));
            } else {
                tokens.add(new Token(Type.ANY, "*"));
            }
        } else {
            unread();
            fetchText(termsLevel > 0 ? TERMS_BREAKERS : TEXT_BREAKERS);
        }
        return true;
    }

    private void fetchRange() {
        boolean wantHi = false;
        boolean wantClose = false;
        boolean seenNot = false;
        while (true) {
            int r = read();
            if (r == EOF) {
                throw new GlobSyntaxException("unexpected end of input");
            }
            if (wantClose) {
                if (r != ']') {
                    throw new GlobSyntaxException("expected close range character");
                }
                tokens.add(new Token(Type.RANGE_CLOSE, "]"));
                return;
            }
            if (wantHi) {
                tokens.add(new Token(Type.RANGE_HI, string(r)));
                wantClose = true;
                continue;
            }
            if (!seenNot && r == '!') {
                tokens.add(new Token(Type.NOT, "!"));
                seenNot = true;
                continue;
            }
            if (peek() == '-') {
                position++;
                tokens.add(new Token(Type.RANGE_LO, string(r)));
                tokens.add(new Token(Type.RANGE_BETWEEN, "-"));
                wantHi = true;
                continue;
            }
            unread();
            fetchText(RANGE_BREAKERS);
            wantClose = true;
        }
    }

    private void fetchText(int[] breakers) {
        StringBuilder data = new StringBuilder();
        boolean escaped = false;
        while (true) {
            int r = read();
            if (r == EOF) {
                break;
            }
            if (!escaped) {
                if (r == '\\') {
                    escaped = true;
                    continue;
                }
                if (contains(breakers, r)) {
                    unread();
                    break;
                }
            }
            escaped = false;
            data.appendCodePoint(r);
        }
        if (data.length() > 0) {
            tokens.add(new Token(Type.TEXT, data.toString()));
        }
    }

    private static boolean contains(int[] set, int c) {
        for (int candidate : set) {
            if (candidate == c) {
                return true;
            }
        }
        return false;
    }

    private static String string(int codePoint) {
        return new String(Character.toChars(codePoint));
    }
}
