package io.gitops4j.kube.internal.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as go-yaml's resolver reads plain scalars: Go's {@code strconv.ParseInt} and
 * {@code ParseUint} with base 0 ({@code 0x}, {@code 0o}, {@code 0b} and a leading {@code 0} for
 * octal), underscores dropped first, then YAML-style decimal floats; and floats written back the way
 * sigs.k8s.io/yaml writes a float mapping key. Hand-written scanning, no regular expressions.
 */
final class GoNumbers {

    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private GoNumbers() {
    }

    /**
     * An integer (a {@link Long}, or a {@link BigInteger} between 2^63 and 2^64 - 1 written
     * without a sign), or {@code null} when the text is not an integer go-yaml reads.
     */
    static Number integer(String plain) {
        if (plain.isEmpty() || plain.length() > 80) {
            return null;
        }
        boolean negative = plain.charAt(0) == '-';
        boolean signed = negative || plain.charAt(0) == '+';
        String body = signed ? plain.substring(1) : plain;
        int radix = 10;
        String digits = body;
        if (body.length() > 2 && body.charAt(0) == '0' && "xXoObB".indexOf(body.charAt(1)) >= 0) {
            char prefix = Character.toLowerCase(body.charAt(1));
            radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
            digits = body.substring(2);
        } else if (body.length() > 1 && body.charAt(0) == '0') {
            radix = 8;
            digits = body.substring(1);
        }
        if (digits.isEmpty() || !allDigits(digits, radix)) {
            return null;
        }
        BigInteger magnitude = new BigInteger(digits, radix);
        BigInteger value = negative ? magnitude.negate() : magnitude;
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return !signed && magnitude.compareTo(UINT64_LIMIT) < 0 ? magnitude : null;
    }

    private static boolean allDigits(String digits, int radix) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c > 127 || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * go-yaml's {@code ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$}, parsed; {@code null}
     * when the text does not match or the number is too large for a double (Go's range error).
     */
    static Double yamlFloat(String plain) {
        int i = 0;
        int n = plain.length();
        if (i < n && (plain.charAt(i) == '-' || plain.charAt(i) == '+')) {
            i++;
        }
        int intDigits = digitsFrom(plain, i);
        i += intDigits;
        if (intDigits == 0) {
            if (i >= n || plain.charAt(i) != '.') {
                return null;
            }
            int fraction = digitsFrom(plain, i + 1);
            if (fraction == 0) {
                return null;
            }
            i += 1 + fraction;
        } else if (i < n && plain.charAt(i) == '.') {
            i += 1 + digitsFrom(plain, i + 1);
        }
        if (i < n && (plain.charAt(i) == 'e' || plain.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (plain.charAt(j) == '-' || plain.charAt(j) == '+')) {
                j++;
            }
            int exponent = digitsFrom(plain, j);
            if (exponent == 0) {
                return null;
            }
            i = j + exponent;
        }
        if (i != n || n > 400) {
            return null;
        }
        double value = Double.parseDouble(plain);
        return Double.isInfinite(value) ? null : value;
    }

    /** A float after a leading dot, as Go's {@code ParseFloat} reads {@code .5} or {@code .5e3}. */
    static Double dotFloat(String text) {
        return text.indexOf('_') >= 0 ? null : yamlFloat(text);
    }

    private static int digitsFrom(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - start;
    }

    /**
     * A float mapping key as sigs.k8s.io/yaml names it: Go's {@code FormatFloat(f, 'g', -1, 32)},
     * with {@code .inf}, {@code -.inf} and {@code .nan} for the special values.
     */
    static String floatKey(double value) {
        float f = (float) value;
        if (Float.isNaN(f)) {
            return ".nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? ".inf" : "-.inf";
        }
        if (f == 0) {
            return Float.floatToIntBits(f) < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(f);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 9; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision));
            if (candidate.floatValue() == f) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = f < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return sign + shortest.abs().toPlainString();
    }
}
