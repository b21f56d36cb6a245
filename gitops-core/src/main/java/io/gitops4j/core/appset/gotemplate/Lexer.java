package io.gitops4j.core.appset.gotemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Go template into text and the tokens of its actions, as {@code text/template/parse}'s
 * lexer does: {@code {{- } and {@code  -}}} trim the white space beside them, comments
 * {@code {{/* ... *}{@code /}}} vanish.
 */
final class Lexer {

    enum Kind {
        TEXT, LEFT, RIGHT, FIELD, DOT, VARIABLE, IDENT, STRING, NUMBER, CHAR, BOOL, NIL,
        LPAREN, RPAREN, PIPE, DECLARE, ASSIGN, COMMA, EOF
    }

    /** One token; {@code spaceBefore} tells {@code $x.a} from {@code $x .a}. */
    record Token(Kind kind, String text, int offset, boolean spaceBefore) {
    }

    private final String input;
    private final String name;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String input, String name) {
        this.input = input;
        this.name = name;
    }

    static List<Token> lex(String input, String name) {
        Lexer lexer = new Lexer(input, name);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean trimNext = false;
        while (pos < input.length()) {
            int left = input.indexOf("{{", pos);
            int end = left < 0 ? input.length() : left;
            String text = input.substring(pos, end);
            if (trimNext) {
                text = text.stripLeading();
            }
            boolean trimLeft = left >= 0 && left + 3 < input.length() && input.charAt(left + 2) == '-'
                    && isSpace(input.charAt(left + 3));
            if (trimLeft) {
                text = text.stripTrailing();
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Kind.TEXT, text, pos, false));
            }
            if (left < 0) {
                pos = input.length();
                break;
            }
            pos = left + 2 + (trimLeft ? 2 : 0);
            trimNext = action(left, trimLeft);
        }
        tokens.add(new Token(Kind.EOF, "", input.length(), false));
    }

    /** Lexes one action from after its left delimiter; true when it ends with {@code -}}}. */
    private boolean action(int start, boolean trimmedLeft) {
        int afterSpace = pos;
        while (afterSpace < input.length() && isSpace(input.charAt(afterSpace))) {
            afterSpace++;
        }
        if (input.startsWith("/*", trimmedLeft ? afterSpace : pos)) {
            return comment(start, trimmedLeft ? afterSpace : pos);
        }
        tokens.add(new Token(Kind.LEFT, "{{", start, false));
        boolean space = false;
        int depth = 0;
        while (true) {
            if (pos >= input.length()) {
                throw error(start, "unclosed action");
            }
            char c = input.charAt(pos);
            if (isSpace(c)) {
                int spaceStart = pos;
                while (pos < input.length() && isSpace(input.charAt(pos))) {
                    pos++;
                }
                if (input.startsWith("-}}", pos)) {
                    pos += 3;
                    tokens.add(new Token(Kind.RIGHT, "}}", spaceStart, true));
                    return true;
                }
                space = true;
                continue;
            }
            if (input.startsWith("}}", pos)) {
                if (depth > 0) {
                    throw error(pos, "unclosed left paren");
                }
                tokens.add(new Token(Kind.RIGHT, "}}", pos, space));
                pos += 2;
                return false;
            }
            int tokenStart = pos;
            Kind kind = next(c, tokenStart);
            if (kind == Kind.LPAREN) {
                depth++;
            } else if (kind == Kind.RPAREN) {
                if (--depth < 0) {
                    throw error(tokenStart, "unexpected right paren");
                }
            }
            tokens.add(new Token(kind, input.substring(tokenStart, pos), tokenStart, space));
            space = false;
        }
    }

    private boolean comment(int start, int commentStart) {
        int close = input.indexOf("*/", commentStart + 2);
        if (close < 0) {
            throw error(start, "unclosed comment");
        }
        pos = close + 2;
        if (input.startsWith(" -}}", pos)) {
            pos += 4;
            return true;
        }
        if (input.startsWith("}}", pos)) {
            pos += 2;
            return false;
        }
        throw error(start, "comment ends before closing delimiter");
    }

    private Kind next(char c, int start) {
        switch (c) {
            case '(':
                pos++;
                return Kind.LPAREN;
            case ')':
                pos++;
                return Kind.RPAREN;
            case '|':
                pos++;
                return Kind.PIPE;
            case ',':
                pos++;
                return Kind.COMMA;
            case '=':
                pos++;
                return Kind.ASSIGN;
            case ':':
                if (input.startsWith(":=", pos)) {
                    pos += 2;
                    return Kind.DECLARE;
                }
                throw error(start, "expected :=");
            case '"':
                return quoted('"', Kind.STRING, start);
            case '`':
                int close = input.indexOf('`', pos + 1);
                if (close < 0) {
                    throw error(start, "unterminated raw quoted string");
                }
                pos = close + 1;
                return Kind.STRING;
            case '\'':
                return quoted('\'', Kind.CHAR, start);
            case '$':
                pos++;
                alphanumeric();
                return Kind.VARIABLE;
            case '.':
                if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
                    return number(start);
                }
                pos++;
                if (pos < input.length() && isAlphanumeric(input.charAt(pos))) {
                    alphanumeric();
                    return Kind.FIELD;
                }
                return Kind.DOT;
            default:
                if (c == '+' || c == '-' || Character.isDigit(c)) {
                    return number(start);
                }
                if (isAlphanumeric(c)) {
                    alphanumeric();
                    String word = input.substring(start, pos);
                    return switch (word) {
                        case "true", "false" -> Kind.BOOL;
                        case "nil" -> Kind.NIL;
                        default -> Kind.IDENT;
                    };
                }
                throw error(start, "unexpected " + quoteChar(c) + " in command");
        }
    }

    private Kind quoted(char quote, Kind kind, int start) {
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw error(start, kind == Kind.STRING ? "unterminated quoted string" : "unterminated character constant");
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == quote) {
                return kind;
            }
        }
    }

    private Kind number(int start) {
        if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
            pos++;
        }
        while (pos < input.length() && (isAlphanumeric(input.charAt(pos)) || input.charAt(pos) == '.'
                || ((input.charAt(pos) == '+' || input.charAt(pos) == '-')
                        && (input.charAt(pos - 1) == 'e' || input.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        if (pos == start + 1 && !Character.isDigit(input.charAt(start))) {
            throw error(start, "bad number syntax: " + quoteChar(input.charAt(start)));
        }
        return Kind.NUMBER;
    }

    private void alphanumeric() {
        while (pos < input.length() && isAlphanumeric(input.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isAlphanumeric(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String quoteChar(char c) {
        return "'" + c + "'";
    }

    private TemplateException error(int offset, String message) {
        return new TemplateException("template: " + name + ":" + line(input, offset) + ": " + message);
    }

    /** The 1-based line of an offset. */
    static int line(String input, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
