package io.gitops4j.diff.normalize;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1.5Gi}, {@code 1e3}) read as
 * exact numbers, so that the spellings the API server canonicalizes to ({@code 1000m} is stored
 * as {@code 1}, {@code 1024Mi} as {@code 1Gi}) compare equal.
 */
public final class Quantity {

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("", BigDecimal.ONE),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantity() {
    }

    /** The value of a quantity, or empty when the text is not one. */
    public static Optional<BigDecimal> parse(String text) {
        String trimmed = text.trim();
        int end = 0;
        if (end < trimmed.length() && (trimmed.charAt(end) == '+' || trimmed.charAt(end) == '-')) {
            end++;
        }
        while (end < trimmed.length() && (Character.isDigit(trimmed.charAt(end)) || trimmed.charAt(end) == '.')) {
            end++;
        }
        if (end == 0 || end == 1 && !Character.isDigit(trimmed.charAt(0))) {
            return Optional.empty();
        }
        try {
            BigDecimal number = new BigDecimal(trimmed.substring(0, end));
            String suffix = trimmed.substring(end);
            BigDecimal multiplier = SUFFIXES.get(suffix);
            if (multiplier != null) {
                return Optional.of(number.multiply(multiplier));
            }
            if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
                return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether two quantities have the same value; texts that are not quantities compare as text. */
    public static boolean equal(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Optional<BigDecimal> left = parse(a);
        Optional<BigDecimal> right = parse(b);
        return left.isPresent() && right.isPresent() && left.get().compareTo(right.get()) == 0;
    }
}
