package io.gitops4j.kube.internal.yaml;

import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;

/**
 * Plain scalars go-yaml v3 reads as timestamps, written as Go writes a {@code time.Time} to JSON
 * (RFC 3339 with nanoseconds): what Kustomize outputs for {@code date: 2024-1-2}
 * ({@code "2024-01-02T00:00:00Z"}). The forms are go-yaml's: {@code 2006-1-2},
 * {@code 2006-1-2T15:4:5.999999999Z07:00} (also with a lower-case {@code t}) and
 * {@code 2006-1-2 15:4:5.999999999}, the last in UTC.
 */
final class GoTimestamps {

    private final String text;
    private int position;

    private GoTimestamps(String text) {
        this.text = text;
    }

    /** The RFC 3339 form of a timestamp, or empty when the text is not one. */
    static Optional<String> rfc3339(String text) {
        if (text.length() < 8 || text.length() > 64) {
            return Optional.empty();
        }
        return Optional.ofNullable(new GoTimestamps(text).parse());
    }

    private String parse() {
        int year = digits(4, 4);
        if (year < 0 || !literal('-')) {
            return null;
        }
        int month = digits(1, 2);
        int day = literal('-') ? digits(1, 2) : -1;
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        String date = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
        if (position == text.length()) {
            return date + "T00:00:00Z";
        }
        char separator = text.charAt(position++);
        boolean zoned = separator == 'T' || separator == 't';
        if (!zoned && separator != ' ') {
            return null;
        }
        int hour = digits(1, 2);
        int minute = literal(':') ? digits(1, 2) : -1;
        int second = literal(':') ? digits(1, 2) : -1;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        String fraction = fraction();
        String zone = zoned ? zone() : "Z";
        if (zone == null || position != text.length()) {
            return null;
        }
        return date + String.format(Locale.ROOT, "T%02d:%02d:%02d", hour, minute, second) + fraction + zone;
    }

    private String fraction() {
        if (position + 1 < text.length() && (text.charAt(position) == '.' || text.charAt(position) == ',')
                && isDigit(position + 1)) {
            int start = ++position;
            while (position < text.length() && isDigit(position)) {
                position++;
            }
            String nanos = (text.substring(start, Math.min(position, start + 9)) + "000000000").substring(0, 9);
            String trimmed = nanos.replaceAll("0+$", "");
            return trimmed.isEmpty() ? "" : "." + trimmed;
        }
        return "";
    }

    private String zone() {
        if (literal('Z')) {
            return "Z";
        }
        if (position + 6 != text.length() || (text.charAt(position) != '+' && text.charAt(position) != '-')
                || text.charAt(position + 3) != ':') {
            return null;
        }
        char sign = text.charAt(position++);
        int hours = digits(2, 2);
        literal(':');
        int minutes = digits(2, 2);
        if (hours < 0 || hours > 24 || minutes < 0 || minutes > 60) {
            return null;
        }
        return hours == 0 && minutes == 0 ? "Z" : String.format(Locale.ROOT, "%c%02d:%02d", sign, hours, minutes);
    }

    private int digits(int min, int max) {
        int start = position;
        while (position < text.length() && position - start < max && isDigit(position)) {
            position++;
        }
        return position - start < min ? -1 : Integer.parseInt(text, start, position, 10);
    }

    private boolean literal(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private boolean isDigit(int index) {
        char c = text.charAt(index);
        return c >= '0' && c <= '9';
    }
}
