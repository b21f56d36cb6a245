package io.gitops4j.core.appset.gotemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Sprig functions ApplicationSets use in practice, with Sprig's argument order and
 * forgiveness: defaults and strings here ({@code default}, {@code lower}, {@code replace},
 * {@code trunc}, {@code quote}, ..., and Argo CD's {@code normalize}), lists and dictionaries in
 * {@link SprigCollections}, JSON, YAML, encodings and arithmetic in {@link SprigConversions}. Functions that read the environment
 * or the network are absent, as in Argo CD; regular expressions are absent too (Java's engine
 * backtracks, so a hostile pattern could hang the controller).
 */
final class SprigFunctions {

    /** The longest string {@code repeat}, {@code indent} and {@code printf} padding may produce. */
    static final int MAX_STRING = 1 << 20;

    private SprigFunctions() {
    }

    static void register(Map<String, TemplateFunction> f) {
        strings(f);
        SprigCollections.register(f);
        SprigConversions.register(f);
        f.put("default", args -> {
            Args.atLeast("default", args, 1);
            Object given = args.size() > 1 ? Args.any(args.get(1)) : null;
            return Values.isEmpty(given) ? Args.any(args.get(0)) : given;
        });
        f.put("empty", args -> {
            Args.count("empty", args, 1);
            return Values.isEmpty(args.get(0));
        });
        f.put("coalesce", args -> args.stream().map(Args::any).filter(v -> !Values.isEmpty(v)).findFirst().orElse(null));
        f.put("ternary", args -> {
            Args.count("ternary", args, 3);
            return Args.bool(args.get(2)) ? Args.any(args.get(0)) : Args.any(args.get(1));
        });
        f.put("fail", args -> {
            Args.count("fail", args, 1);
            throw FunctionException.call(Args.string(args.get(0)));
        });
    }

    private static void strings(Map<String, TemplateFunction> f) {
        f.put("lower", unary("lower", s -> s.toLowerCase(Locale.ROOT)));
        f.put("upper", unary("upper", s -> s.toUpperCase(Locale.ROOT)));
        f.put("title", unary("title", SprigFunctions::title));
        f.put("trim", unary("trim", String::strip));
        f.put("nospace", unary("nospace", s -> s.replaceAll("\\s", "")));
        f.put("normalize", unary("normalize", Names::sanitize));
        f.put("trimPrefix", binary("trimPrefix", (prefix, s) -> s.startsWith(prefix) ? s.substring(prefix.length()) : s));
        f.put("trimSuffix", binary("trimSuffix", (suffix, s) -> s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s));
        f.put("trimAll", binary("trimAll", SprigFunctions::trimAll));
        f.put("contains", args -> binaryTest("contains", args, (sub, s) -> s.contains(sub)));
        f.put("hasPrefix", args -> binaryTest("hasPrefix", args, (p, s) -> s.startsWith(p)));
        f.put("hasSuffix", args -> binaryTest("hasSuffix", args, (p, s) -> s.endsWith(p)));
        f.put("replace", args -> {
            Args.count("replace", args, 3);
            String old = Args.string(args.get(0));
            String replacement = Args.string(args.get(1));
            String source = Args.string(args.get(2));
            return bounded(old.isEmpty() ? goReplaceEmpty(source, replacement) : source.replace(old, replacement));
        });
        f.put("trunc", args -> {
            Args.count("trunc", args, 2);
            long c = Args.integer(args.get(0));
            String s = Args.string(args.get(1));
            if (c < 0 && s.length() + c > 0) {
                return s.substring((int) (s.length() + c));
            }
            return c >= 0 && s.length() > c ? s.substring(0, (int) c) : s;
        });
        f.put("substr", args -> {
            Args.count("substr", args, 3);
            long start = Args.integer(args.get(0));
            long end = Args.integer(args.get(1));
            String s = Args.string(args.get(2));
            if (start < 0) {
                return s.substring(0, (int) Math.min(Math.max(end, 0), s.length()));
            }
            if (end < 0 || end > s.length()) {
                return start > s.length() ? "" : s.substring((int) start);
            }
            return start > end ? "" : s.substring((int) start, (int) end);
        });
        f.put("repeat", args -> {
            Args.count("repeat", args, 2);
            long count = Args.integer(args.get(0));
            String s = Args.string(args.get(1));
            if (count < 0) {
                throw FunctionException.call("strings: negative Repeat count");
            }
            return bounded(count * s.length() > MAX_STRING ? null : s.repeat((int) count));
        });
        f.put("indent", args -> {
            Args.count("indent", args, 2);
            return indent(Args.integer(args.get(0)), Args.string(args.get(1)));
        });
        f.put("nindent", args -> {
            Args.count("nindent", args, 2);
            return "\n" + indent(Args.integer(args.get(0)), Args.string(args.get(1)));
        });
        f.put("quote", args -> join(args, GoText::quote));
        f.put("squote", args -> join(args, s -> "'" + s + "'"));
        f.put("cat", args -> join(args, s -> s));
        f.put("toString", args -> {
            Args.count("toString", args, 1);
            return Args.strval(args.get(0));
        });
    }

    interface StringOp {
        String apply(String s);
    }

    private interface StringPairOp {
        String apply(String a, String b);
    }

    private interface StringPairTest {
        boolean test(String a, String b);
    }

    static TemplateFunction unary(String name, StringOp op) {
        return args -> {
            Args.count(name, args, 1);
            return op.apply(Args.string(args.get(0)));
        };
    }

    private static TemplateFunction binary(String name, StringPairOp op) {
        return args -> {
            Args.count(name, args, 2);
            return op.apply(Args.string(args.get(0)), Args.string(args.get(1)));
        };
    }

    private static Object binaryTest(String name, List<Object> args, StringPairTest test) {
        Args.count(name, args, 2);
        return test.test(Args.string(args.get(0)), Args.string(args.get(1)));
    }

    private static String join(List<Object> args, StringOp each) {
        List<String> out = new ArrayList<>();
        for (Object arg : args) {
            Object value = Args.any(arg);
            if (value != null) {
                out.add(each.apply(Args.strval(value)));
            }
        }
        return bounded(String.join(" ", out));
    }

    private static String indent(long spaces, String text) {
        if (spaces < 0 || spaces * (text.chars().filter(c -> c == '\n').count() + 1) + text.length() > MAX_STRING) {
            throw FunctionException.call("indent of " + spaces + " would exceed " + MAX_STRING + " characters");
        }
        String pad = " ".repeat((int) spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static String bounded(String s) {
        if (s == null || s.length() > MAX_STRING) {
            throw FunctionException.call("result longer than " + MAX_STRING + " characters");
        }
        return s;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toTitleCase(c) : c);
            start = Character.isWhitespace(c);
        }
        return out.toString();
    }

    private static String trimAll(String cutset, String s) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.Replace} with an empty old string: the new string before every character and at the end. */
    private static String goReplaceEmpty(String s, String replacement) {
        StringBuilder out = new StringBuilder(replacement);
        s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
        return out.toString();
    }

    /** Go's {@code strings.Split}: an empty separator splits into characters. */

}
