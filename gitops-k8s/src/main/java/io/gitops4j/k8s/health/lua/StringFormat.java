package io.gitops4j.k8s.health.lua;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.format} as Argo CD's scripts expect it (Lua 5.1 and C's printf): LuaJ 3.0.1
 * ignores the width and precision of {@code %f}, {@code %e} and {@code %g}, so this replaces it.
 * Floating-point conversions round the exact binary value half-to-even, as C does; {@code %s}
 * accepts any value and converts it as {@code tostring} does. As in Lua, at most five flags and
 * two digits each of width and precision ({@code "%099999999999d"} is an invalid format), so
 * one conversion makes at most {@value #MAX_CONVERSION} characters besides the text of a
 * {@code %s} or {@code %q} argument; the result's size is checked against the run's memory
 * limit before it is built.
 */
final class StringFormat extends VarArgFunction {

    /** The longest conversion of a number: {@code %99.99f} of the largest double. */
    static final int MAX_CONVERSION = 420;
    /** The result is built in a StringBuilder, copied to a String and encoded as UTF-8. */
    private static final int COPIES = 3;
    private static final String FLAGS = "-0+ #";

    @Override
    public Varargs invoke(Varargs args) {
        String format = args.checkjstring(1);
        RunBudget budget = RunBudget.current();
        long size = format.length();
        for (int i = 2; i <= args.narg(); i++) {
            LuaValue value = args.arg(i);
            size += MAX_CONVERSION + (value instanceof LuaString text ? 2L * text.m_length : 0);
        }
        budget.allocate(COPIES * size, "string.format would need up to");
        StringBuilder out = new StringBuilder();
        int argument = 1;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i < format.length() && format.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            budget.step(1);
            Spec spec = new Spec();
            i = spec.parse(format, i);
            argument++;
            out.append(spec.apply(args, argument));
        }
        return LuaValue.valueOf(out.toString());
    }

    /** One conversion: {@code %[flags][width][.precision]conversion}. */
    private static final class Spec {
        private boolean left;
        private boolean zero;
        private boolean plus;
        private boolean space;
        private boolean alternate;
        private int width;
        private int precision = -1;
        private char conversion;

        int parse(String format, int start) {
            int i = start;
            while (i < format.length() && FLAGS.indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i++)) {
                    case '-' -> left = true;
                    case '0' -> zero = true;
                    case '+' -> plus = true;
                    case ' ' -> space = true;
                    default -> alternate = true;
                }
            }
            if (i - start > FLAGS.length()) {
                throw new LuaError("invalid format (repeated flags)");
            }
            int digits = 0;
            while (digits < 2 && isDigit(format, i)) {
                width = width * 10 + (format.charAt(i++) - '0');
                digits++;
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                precision = 0;
                digits = 0;
                while (digits < 2 && isDigit(format, i)) {
                    precision = precision * 10 + (format.charAt(i++) - '0');
                    digits++;
                }
            }
            if (isDigit(format, i)) {
                throw new LuaError("invalid format (width or precision too long)");
            }
            if (i >= format.length()) {
                throw new LuaError("bad argument #1 to 'format' (invalid conversion '%" + format.substring(start)
                        + "' to format string)");
            }
            conversion = format.charAt(i);
            return i + 1;
        }

        String apply(Varargs args, int argument) {
            return switch (conversion) {
                case 'd', 'i', 'u' -> number(Long.toString(Math.abs(integer(args, argument))),
                        integer(args, argument) < 0);
                case 'x', 'X', 'o' -> pad(radix(integer(args, argument)), false);
                case 'c' -> pad(String.valueOf((char) integer(args, argument)), false);
                case 'f', 'F', 'e', 'E', 'g', 'G' -> floating(args.checkdouble(argument));
                case 's' -> pad(truncate(tostring(args.arg(argument))), false);
                case 'q' -> quoted(args.checkjstring(argument));
                default -> throw new LuaError("bad argument #" + argument + " to 'format' (invalid option '%"
                        + conversion + "' to 'format')");
            };
        }

        private static boolean isDigit(String format, int i) {
            return i < format.length() && format.charAt(i) >= '0' && format.charAt(i) <= '9';
        }

        private static long integer(Varargs args, int argument) {
            return (long) args.checkdouble(argument);
        }

        private String radix(long value) {
            String digits = switch (conversion) {
                case 'x' -> Long.toHexString(value);
                case 'X' -> Long.toHexString(value).toUpperCase(Locale.ROOT);
                default -> Long.toOctalString(value);
            };
            return alternate && value != 0 ? (conversion == 'o' ? "0" : conversion == 'x' ? "0x" : "0X") + digits
                    : digits;
        }

        private String floating(double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return number(Double.isNaN(value) ? "nan" : "inf", value < 0);
            }
            BigDecimal magnitude = new BigDecimal(Math.abs(value));
            int digits = precision < 0 ? 6 : precision;
            String text = switch (Character.toLowerCase(conversion)) {
                case 'f' -> fixed(magnitude, digits);
                case 'e' -> exponent(magnitude, digits);
                default -> general(magnitude, digits == 0 ? 1 : digits);
            };
            if (Character.isUpperCase(conversion)) {
                text = text.toUpperCase(Locale.ROOT);
            }
            return number(text, value < 0 || (value == 0 && 1 / value < 0));
        }

        private String fixed(BigDecimal magnitude, int digits) {
            String text = magnitude.setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
            return alternate && digits == 0 ? text + "." : text;
        }

        private String exponent(BigDecimal magnitude, int digits) {
            if (magnitude.signum() == 0) {
                return fixed(BigDecimal.ZERO, digits) + "e+00";
            }
            BigDecimal rounded = magnitude.round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
            int exp = rounded.precision() - rounded.scale() - 1;
            String mantissa = fixed(rounded.movePointLeft(exp), digits);
            return mantissa + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }

        private String general(BigDecimal magnitude, int significant) {
            int exp = magnitude.signum() == 0 ? 0
                    : magnitude.round(new MathContext(significant, RoundingMode.HALF_EVEN)).precision()
                    - magnitude.round(new MathContext(significant, RoundingMode.HALF_EVEN)).scale() - 1;
            String text = exp < -4 || exp >= significant
                    ? exponent(magnitude, significant - 1)
                    : fixed(magnitude, significant - 1 - exp);
            return alternate ? text : stripZeros(text);
        }

        private static String stripZeros(String text) {
            int e = text.indexOf('e');
            String mantissa = e < 0 ? text : text.substring(0, e);
            String suffix = e < 0 ? "" : text.substring(e);
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "");
                mantissa = mantissa.endsWith(".") ? mantissa.substring(0, mantissa.length() - 1) : mantissa;
            }
            return mantissa + suffix;
        }

        private String number(String digits, boolean negative) {
            String sign = negative ? "-" : plus ? "+" : space ? " " : "";
            return pad(sign + digits, zero && !left && !digits.equals("nan") && !digits.equals("inf"), sign.length());
        }

        private String pad(String text, boolean zeros) {
            return pad(text, zeros, 0);
        }

        private String pad(String text, boolean zeros, int signLength) {
            if (text.length() >= width) {
                return text;
            }
            String fill = String.valueOf(zeros ? '0' : ' ').repeat(width - text.length());
            if (left) {
                return text + fill;
            }
            return zeros ? text.substring(0, signLength) + fill + text.substring(signLength) : fill + text;
        }

        private String truncate(String text) {
            return precision >= 0 && precision < text.length() ? text.substring(0, precision) : text;
        }

        private static String tostring(LuaValue value) {
            LuaValue metamethod = value.metatag(LuaValue.TOSTRING);
            return metamethod.isnil() ? value.tojstring() : metamethod.call(value).tojstring();
        }

        private static String quoted(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\\n");
                    case '\r' -> out.append("\\r");
                    case '\0' -> out.append("\\000");
                    default -> out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
