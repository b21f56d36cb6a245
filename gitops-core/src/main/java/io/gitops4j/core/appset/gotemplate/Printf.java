package io.gitops4j.core.appset.gotemplate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code fmt.Sprint}, {@code Sprintln} and {@code Sprintf} for the verbs templates use. */
final class Printf {

    private static final Pattern VERB = Pattern.compile("%([-+# 0]*)(\\d*)(?:\\.(\\d+))?([a-zA-Z%])");

    private Printf() {
    }

    static String sprint(List<Object> args, boolean line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object value = Args.any(args.get(i));
            boolean spaced = line || (i > 0 && !(value instanceof String) && !(Args.any(args.get(i - 1)) instanceof String));
            if (i > 0 && spaced) {
                out.append(' ');
            }
            out.append(Values.print(value));
        }
        return line ? out.append('\n').toString() : out.toString();
    }

    static String format(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = VERB.matcher(format);
        int last = 0;
        int next = 0;
        while (matcher.find()) {
            out.append(format, last, matcher.start());
            last = matcher.end();
            char verb = matcher.group(4).charAt(0);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object value = Args.any(args.get(next++));
            out.append(pad(verb(verb, value, matcher.group(3)), matcher.group(1), matcher.group(2)));
        }
        out.append(format.substring(last));
        if (next < args.size()) {
            out.append("%!(EXTRA ");
            for (int i = next; i < args.size(); i++) {
                Object value = Args.any(args.get(i));
                out.append(i > next ? ", " : "").append(Values.typeName(value)).append('=').append(Values.print(value));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String verb(char verb, Object value, String precision) {
        switch (verb) {
            case 'v':
                return Values.print(value);
            case 's':
                return value instanceof String || value instanceof java.util.Map || value instanceof java.util.Collection
                        ? Values.print(value) : bad(verb, value);
            case 'q':
                return value instanceof String s ? GoText.quote(s) : bad(verb, value);
            case 'd':
                return value instanceof Long l ? Long.toString(l) : bad(verb, value);
            case 't':
                return value instanceof Boolean ? value.toString() : bad(verb, value);
            case 'x':
                if (value instanceof Long l) {
                    return Long.toHexString(l);
                }
                return value instanceof String s ? hex(s) : bad(verb, value);
            case 'f':
                if (value instanceof Double d) {
                    return String.format(java.util.Locale.ROOT, "%." + (precision == null ? "6" : precision) + "f", d);
                }
                return bad(verb, value);
            default:
                return bad(verb, value);
        }
    }

    private static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    private static String bad(char verb, Object value) {
        return value == null ? "%!" + verb + "(<nil>)" : "%!" + verb + "(" + Values.typeName(value) + "=" + Values.print(value) + ")";
    }

    private static String pad(String text, String flags, String width) {
        if (width.isEmpty()) {
            return text;
        }
        int w = Math.min(Integer.parseInt(width), 1000);
        if (text.length() >= w) {
            return text;
        }
        String padding = (flags.contains("0") && !flags.contains("-") ? "0" : " ").repeat(w - text.length());
        return flags.contains("-") ? text + padding.replace('0', ' ') : padding + text;
    }
}
