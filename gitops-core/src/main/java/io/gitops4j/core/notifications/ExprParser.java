package io.gitops4j.core.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for trigger conditions. Precedence, lowest first: {@code or ||},
 * {@code and &&}, comparison and {@code in}, {@code + -}, {@code *}, unary {@code ! not -},
 * member access and calls. Anything else is refused with the trigger's name and the column.
 */
final class ExprParser {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_LENGTH = 4096;
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final String text;
    private final String trigger;
    private int position;
    private int depth;

    private ExprParser(String text, String trigger) {
        this.text = text;
        this.trigger = trigger;
    }

    static ExprNode parse(String text, String trigger) {
        if (text.length() > MAX_LENGTH) {
            throw new NotificationException("trigger '" + trigger + "': condition longer than " + MAX_LENGTH + " characters");
        }
        ExprParser parser = new ExprParser(text, trigger);
        ExprNode node = parser.or();
        parser.skipSpace();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.position, Math.min(text.length(), parser.position + 10)) + "'");
        }
        return node;
    }

    private ExprNode or() {
        ExprNode left = and();
        while (acceptWord("or") || accept("||")) {
            left = new ExprNode.Binary("or", left, and());
        }
        return left;
    }

    private ExprNode and() {
        ExprNode left = comparison();
        while (acceptWord("and") || accept("&&")) {
            left = new ExprNode.Binary("and", left, comparison());
        }
        return left;
    }

    private ExprNode comparison() {
        ExprNode left = additive();
        while (true) {
            skipSpace();
            if (acceptWord("in")) {
                left = new ExprNode.Binary("in", left, additive());
                continue;
            }
            String operator = COMPARISONS.stream().filter(op -> op.length() == 2 && text.startsWith(op, position))
                    .findFirst().orElse(null);
            if (operator == null && position < text.length() && (peek() == '<' || peek() == '>')) {
                operator = String.valueOf(peek());
            }
            if (operator == null) {
                return left;
            }
            position += operator.length();
            left = new ExprNode.Binary(operator, left, additive());
        }
    }

    private ExprNode additive() {
        ExprNode left = multiplicative();
        while (true) {
            skipSpace();
            if (position < text.length() && (peek() == '+' || peek() == '-')) {
                String operator = String.valueOf(text.charAt(position++));
                left = new ExprNode.Binary(operator, left, multiplicative());
            } else {
                return left;
            }
        }
    }

    private ExprNode multiplicative() {
        ExprNode left = unary();
        while (accept("*")) {
            left = new ExprNode.Binary("*", left, unary());
        }
        return left;
    }

    private ExprNode unary() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            skipSpace();
            if (position < text.length() && peek() == '!' && !text.startsWith("!=", position)) {
                position++;
                return new ExprNode.Unary("!", unary());
            }
            if (acceptWord("not")) {
                return new ExprNode.Unary("!", unary());
            }
            if (accept("-")) {
                return new ExprNode.Unary("-", unary());
            }
            return postfix(primary());
        } finally {
            depth--;
        }
    }

    private ExprNode postfix(ExprNode target) {
        while (true) {
            skipSpace();
            boolean optional = text.startsWith("?.", position);
            if (!optional && !(position < text.length() && peek() == '.')) {
                return target;
            }
            position += optional ? 2 : 1;
            String name = identifier();
            if (accept("(")) {
                target = new ExprNode.Call(target, name, list(")"));
            } else {
                target = new ExprNode.Member(target, name, optional);
            }
        }
    }

    private ExprNode primary() {
        skipSpace();
        if (position >= text.length()) {
            throw error("unexpected end of condition");
        }
        char c = peek();
        if (c == '(') {
            position++;
            ExprNode inner = or();
            expect(")");
            return inner;
        }
        if (c == '[') {
            position++;
            return new ExprNode.ArrayLiteral(list("]"));
        }
        if (c == '\'' || c == '"') {
            return new ExprNode.Literal(string(c));
        }
        if (Character.isDigit(c)) {
            return new ExprNode.Literal(number());
        }
        String name = identifier();
        return switch (name) {
            case "nil" -> new ExprNode.Literal(null);
            case "true" -> new ExprNode.Literal(Boolean.TRUE);
            case "false" -> new ExprNode.Literal(Boolean.FALSE);
            case "app", "time" -> new ExprNode.Name(name);
            default -> throw error("unsupported name '" + name + "' (conditions may use app, time, nil, true and false)");
        };
    }

    private List<ExprNode> list(String close) {
        List<ExprNode> items = new ArrayList<>();
        if (accept(close)) {
            return items;
        }
        do {
            items.add(or());
        } while (accept(","));
        expect(close);
        return items;
    }

    private String string(char quote) {
        StringBuilder out = new StringBuilder();
        position++;
        while (position < text.length() && peek() != quote) {
            char c = text.charAt(position++);
            if (c == '\\' && position < text.length()) {
                char escaped = text.charAt(position++);
                out.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
            } else {
                out.append(c);
            }
        }
        if (position >= text.length()) {
            throw error("unterminated string");
        }
        position++;
        return out.toString();
    }

    private Object number() {
        int start = position;
        while (position < text.length() && (Character.isDigit(peek()) || peek() == '.' || peek() == '_')) {
            position++;
        }
        String digits = text.substring(start, position).replace("_", "");
        try {
            return digits.contains(".") ? (Object) Double.parseDouble(digits) : (Object) Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("bad number '" + digits + "'");
        }
    }

    private String identifier() {
        skipSpace();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            position++;
        }
        if (start == position) {
            throw error(position < text.length() ? "unexpected '" + peek() + "'" : "unexpected end of condition");
        }
        return text.substring(start, position);
    }

    private boolean acceptWord(String word) {
        skipSpace();
        int end = position + word.length();
        if (text.startsWith(word, position) && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            position = end;
            return true;
        }
        return false;
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, position)) {
            position += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private char peek() {
        return text.charAt(position);
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private NotificationException error(String what) {
        return new NotificationException("trigger '" + trigger + "': condition '" + text + "' at column " + (position + 1)
                + ": " + what + "; supported: == != < <= > >= in and or not ! + - *, nil, strings, numbers, arrays,"
                + " member access (?.), time.Now(), time.Parse(), durations");
    }
}
