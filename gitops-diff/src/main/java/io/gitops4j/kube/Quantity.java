package io.gitops4j.kube;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1.5Gi}, {@code 1e3}) read as
 * exact numbers, so that the spellings the API server canonicalizes to ({@code 1000m} is stored
 * as {@code 1}, {@code 1024Mi} as {@code 1Gi}) compare equal; and written in that canonical form.
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

    private static final int NANO_SCALE = 9;
    /**
     * Canonical forms already computed: manifests spell the same few quantities over and over
     * ({@code 100m}, {@code 128Mi}), and the server canonicalizes every one of them on every write.
     * Cleared when full, so it stays small whatever it is fed.
     */
    private static final Map<String, Optional<String>> CANONICAL = new ConcurrentHashMap<>();
    private static final int CANONICAL_CACHE_SIZE = 4096;
    private static final int MAX_DECIMAL_EXPONENT = 18;
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final Map<Integer, String> DECIMAL_SUFFIXES = Map.of(
            -9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18, "E");

    private Quantity() {
    }

    /**
     * The value of a quantity, or empty when the text is not one.
     *
     * @param text a quantity such as {@code 500m}, {@code 1.5Gi} or {@code 2e3}
     * @return the value in base units (cores, bytes, ...)
     */
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

    /**
     * The spelling the API server stores: the largest suffix that keeps the number whole, in the
     * family of the given suffix (binary {@code Ki..Ei}, decimal {@code n..E}, or an exponent
     * {@code e3..}); binary quantities under 1024 or with a fraction are written in decimal;
     * fractions finer than nano are rounded up. Empty when the text is not a quantity.
     * {@code 1000m} gives {@code 1}, {@code 0.5Gi} gives {@code 512Mi}, {@code 2000} gives
     * {@code 2k}.
     *
     * @param text a quantity
     * @return the canonical spelling
     */
    public static Optional<String> canonical(String text) {
        Optional<String> known = CANONICAL.get(text);
        if (known != null) {
            return known;
        }
        Optional<String> canonical = computeCanonical(text);
        if (CANONICAL.size() >= CANONICAL_CACHE_SIZE) {
            CANONICAL.clear();
        }
        CANONICAL.put(text, canonical);
        return canonical;
    }

    private static Optional<String> computeCanonical(String text) {
        Optional<BigDecimal> parsed = parse(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value = parsed.get().setScale(NANO_SCALE, RoundingMode.UP).stripTrailingZeros();
        if (value.signum() == 0) {
            return Optional.of("0");
        }
        String trimmed = text.trim();
        if (isBinary(trimmed) && value.abs().compareTo(KIBI) >= 0 && value.stripTrailingZeros().scale() <= 0) {
            return Optional.of(binary(value.toBigIntegerExact()));
        }
        return Optional.of(decimal(value, hasExponent(trimmed)));
    }

    private static String binary(BigInteger value) {
        int power = 0;
        BigInteger mantissa = value;
        while (power < BINARY_SUFFIXES.length - 1 && mantissa.mod(BigInteger.valueOf(1024)).signum() == 0) {
            mantissa = mantissa.divide(BigInteger.valueOf(1024));
            power++;
        }
        return mantissa + BINARY_SUFFIXES[power];
    }

    private static String decimal(BigDecimal value, boolean exponentForm) {
        BigInteger nanos = value.movePointRight(NANO_SCALE).toBigIntegerExact();
        int exponent = -NANO_SCALE;
        BigInteger thousand = BigInteger.valueOf(1000);
        while (exponent < MAX_DECIMAL_EXPONENT && nanos.mod(thousand).signum() == 0) {
            nanos = nanos.divide(thousand);
            exponent += 3;
        }
        if (exponentForm) {
            return exponent == 0 ? nanos.toString() : nanos + "e" + exponent;
        }
        return nanos + DECIMAL_SUFFIXES.get(exponent);
    }

    private static boolean isBinary(String text) {
        return text.endsWith("i");
    }

    private static boolean hasExponent(String text) {
        String suffix = text.replaceFirst("^[+-]?[0-9.]+", "");
        return suffix.startsWith("e") || suffix.startsWith("E");
    }

    /**
     * Whether two quantities have the same value; texts that are not quantities compare as text.
     *
     * @param a a quantity or other text
     * @param b a quantity or other text
     * @return whether they are equal
     */
    public static boolean equal(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Optional<BigDecimal> left = parse(a);
        Optional<BigDecimal> right = parse(b);
        return left.isPresent() && right.isPresent() && left.get().compareTo(right.get()) == 0;
    }
}
