package io.gitops4j.core.project.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which Argo CD uses for a sync window's {@code duration}: a
 * sign, then one or more decimal numbers each with a unit ({@code ns}, {@code us}, {@code µs},
 * {@code ms}, {@code s}, {@code m}, {@code h}), such as {@code 1h30m}, {@code 1.5h} or
 * {@code -2m}; {@code 0} alone needs no unit. No days: {@code 1d} is refused, as Argo CD refuses
 * it. The result fits Go's 64-bit nanoseconds.
 */
public final class GoDuration {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(63);
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with Go's message ({@code time: invalid duration "3a"})
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char first = s.charAt(0);
            if (!(first == '.' || first >= '0' && first <= '9')) {
                throw invalid(text);
            }
            int i = 0;
            BigInteger whole = BigInteger.ZERO;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                whole = whole.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
                if (whole.compareTo(MAX) > 0) {
                    throw invalid(text);
                }
                i++;
            }
            boolean pre = i > 0;
            long fraction = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflow = false;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (!overflow) {
                        if (fraction > (Long.MAX_VALUE - 9) / 10) {
                            overflow = true;
                        } else {
                            fraction = fraction * 10 + (s.charAt(i) - '0');
                            scale *= 10;
                        }
                    }
                    i++;
                }
                post = i > fractionStart;
            }
            if (!pre && !post) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            String unitName = s.substring(unitStart, i);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unitName + "\" in duration \"" + text
                        + "\" (units: ns, us, ms, s, m, h; days are not one)");
            }
            BigInteger value = whole.multiply(BigInteger.valueOf(unit));
            if (value.compareTo(MAX) > 0) {
                throw invalid(text);
            }
            if (fraction > 0) {
                value = value.add(BigInteger.valueOf((long) ((double) fraction * ((double) unit / scale))));
                if (value.compareTo(MAX) > 0) {
                    throw invalid(text);
                }
            }
            total = total.add(value);
            if (total.compareTo(MAX) > 0) {
                throw invalid(text);
            }
            s = s.substring(i);
        }
        if (negative) {
            return Duration.ofNanos(total.negate().longValue());
        }
        if (total.compareTo(MAX) >= 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(total.longValue());
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
