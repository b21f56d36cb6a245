package io.gitops4j.core.appset.gotemplate;

import java.util.function.Supplier;

/** Go constants in template text: numbers, quoted and raw strings, characters. */
final class Literals {

    private Literals() {
    }

    /** An integer constant as a {@link Long}, a floating-point one as a {@link Double}. */
    static Object number(String text, Supplier<TemplateException> error) {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        String unsigned = negative || digits.startsWith("+") ? digits.substring(1) : digits;
        String lower = unsigned.toLowerCase();
        try {
            if (lower.startsWith("0x") && !lower.contains("p")) {
                return sign(Long.parseLong(unsigned.substring(2), 16), negative);
            }
            if (lower.startsWith("0b")) {
                return sign(Long.parseLong(unsigned.substring(2), 2), negative);
            }
            if (lower.startsWith("0o")) {
                return sign(Long.parseLong(unsigned.substring(2), 8), negative);
            }
            if (lower.contains(".") || lower.contains("e")) {
                return Double.parseDouble(digits);
            }
            if (lower.length() > 1 && lower.startsWith("0")) {
                return sign(Long.parseLong(unsigned.substring(1), 8), negative);
            }
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error.get();
        }
    }

    private static Long sign(long value, boolean negative) {
        return negative ? -value : value;
    }

    /** The value of a Go double-quoted or back-quoted string. */
    static String unquote(String text, Supplier<TemplateException> error) {
        if (text.startsWith("`")) {
            return text.substring(1, text.length() - 1).replace("\r", "");
        }
        return escapes(text.substring(1, text.length() - 1), error);
    }

    /** A Go character constant ({@code 'a'}, {@code '\n'}) as its code point, a {@link Long}. */
    static Long character(String text, Supplier<TemplateException> error) {
        String value = escapes(text.substring(1, text.length() - 1), error);
        if (value.codePointCount(0, value.length()) != 1) {
            throw error.get();
        }
        return (long) value.codePointAt(0);
    }

    private static String escapes(String body, Supplier<TemplateException> error) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw error.get();
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'x' -> i = hex(body, i, 2, out, error);
                case 'u' -> i = hex(body, i, 4, out, error);
                case 'U' -> i = hex(body, i, 8, out, error);
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < body.length()) {
                        out.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        throw error.get();
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hex(String body, int at, int length, StringBuilder out, Supplier<TemplateException> error) {
        if (at + length >= body.length()) {
            throw error.get();
        }
        try {
            out.appendCodePoint(Integer.parseInt(body.substring(at + 1, at + 1 + length), 16));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw error.get();
        }
        return at + length;
    }
}
