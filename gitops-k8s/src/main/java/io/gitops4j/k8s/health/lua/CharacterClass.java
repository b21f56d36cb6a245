package io.gitops4j.k8s.health.lua;

/**
 * Lua's character classes ({@code %a}, {@code %d}, ...) over bytes, as C's {@code <ctype.h>}
 * defines them in the "C" locale: bytes above 127 belong to no class. {@code %z} is Lua 5.1's
 * zero byte. An upper-case class letter is the complement; any other character after {@code %}
 * stands for itself.
 */
final class CharacterClass {

    private CharacterClass() {
    }

    /** Whether byte {@code c} (0-255) is in the class written {@code %letter}. */
    static boolean matches(int c, int letter) {
        boolean upper = letter >= 'A' && letter <= 'Z';
        boolean in;
        switch (upper ? letter + ('a' - 'A') : letter) {
            case 'a' -> in = isAlpha(c);
            case 'c' -> in = c < 32 || c == 127;
            case 'd' -> in = isDigit(c);
            case 'g' -> in = c > 32 && c < 127;
            case 'l' -> in = c >= 'a' && c <= 'z';
            case 'p' -> in = c > 32 && c < 127 && !isAlpha(c) && !isDigit(c);
            case 's' -> in = c == ' ' || c >= 9 && c <= 13;
            case 'u' -> in = c >= 'A' && c <= 'Z';
            case 'w' -> in = isAlpha(c) || isDigit(c);
            case 'x' -> in = isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            case 'z' -> in = c == 0;
            default -> {
                return letter == c;
            }
        }
        return upper != in;
    }

    private static boolean isAlpha(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
