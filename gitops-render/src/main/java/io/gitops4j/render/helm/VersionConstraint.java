package io.gitops4j.render.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint as Helm reads one in {@code Chart.yaml} and {@code --version}
 * (Masterminds semver's {@code NewConstraint}): alternatives joined by {@code ||}, each a list of
 * comparisons joined by spaces or commas, all of which must hold. Operators {@code = != > < >=
 * <= ~ ~> ^} (and {@code =>}, {@code =<}); {@code x}, {@code X} and {@code *} as wildcards;
 * {@code 1.2 - 1.4.5} hyphen ranges; a bare version is {@code =}, which a wildcard or a missing
 * part turns into {@code ~}. A pre-release version satisfies an alternative only when one of its
 * comparisons names a pre-release.
 */
final class VersionConstraint {

    private static final String CV = "v?([0-9|xX*]+)(\\.[0-9|xX*]+)?(\\.[0-9|xX*]+)?"
            + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
    private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
    private static final Pattern ONE = Pattern.compile("^\\s*(" + OPS + ")\\s*(" + CV + ")\\s*$");
    private static final Pattern RANGE = Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");
    private static final Pattern FIND = Pattern.compile("(" + OPS + ")\\s*(" + CV + ")");
    private static final Pattern VALID = Pattern.compile("^(\\s*(" + OPS + ")\\s*(" + CV + ")\\s*)((?:\\s+|,\\s*)("
            + OPS + ")\\s*(" + CV + ")\\s*)*$");

    private final List<List<Comparison>> alternatives;
    private final List<Boolean> namesPreRelease;
    private final String text;

    private VersionConstraint(List<List<Comparison>> alternatives, List<Boolean> namesPreRelease, String text) {
        this.alternatives = alternatives;
        this.namesPreRelease = namesPreRelease;
        this.text = text;
    }

    /** The constraint {@code text} states, if it is one. */
    static Optional<VersionConstraint> parse(String text) {
        String rewritten = rewriteRanges(text);
        List<List<Comparison>> alternatives = new ArrayList<>();
        List<Boolean> pre = new ArrayList<>();
        for (String alternative : rewritten.split("\\|\\|", -1)) {
            if (!VALID.matcher(alternative).matches()) {
                return Optional.empty();
            }
            List<Comparison> comparisons = new ArrayList<>();
            Matcher find = FIND.matcher(alternative);
            while (find.find()) {
                Optional<Comparison> comparison = Comparison.parse(find.group());
                if (comparison.isEmpty()) {
                    return Optional.empty();
                }
                comparisons.add(comparison.get());
            }
            if (comparisons.isEmpty()) {
                return Optional.empty();
            }
            pre.add(comparisons.stream().anyMatch(c -> c.version.isPreRelease()));
            alternatives.add(comparisons);
        }
        return Optional.of(new VersionConstraint(alternatives, pre, text));
    }

    /** Whether {@code version} satisfies the constraint. */
    boolean accepts(SemanticVersion version) {
        for (int i = 0; i < alternatives.size(); i++) {
            boolean includePre = namesPreRelease.get(i);
            if (version.isPreRelease() && !includePre) {
                continue;
            }
            if (alternatives.get(i).stream().allMatch(c -> c.check(version))) {
                return true;
            }
        }
        return false;
    }

    private static String rewriteRanges(String text) {
        Matcher m = RANGE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(11) + " "));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    /** One comparison: an operator and a version that may have wildcard ("dirty") parts. */
    private record Comparison(String operator, SemanticVersion version, boolean dirty, boolean minorDirty,
            boolean patchDirty) {

        static Optional<Comparison> parse(String text) {
            Matcher m = ONE.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            String major = m.group(3);
            String minor = m.group(4) == null ? "" : m.group(4).substring(1);
            String patch = m.group(5) == null ? "" : m.group(5).substring(1);
            String pre = m.group(6) == null ? "" : m.group(6);
            String version = m.group(2);
            boolean dirty = false;
            boolean minorDirty = false;
            boolean patchDirty = false;
            if (isX(major)) {
                version = "0.0.0" + pre;
                dirty = true;
            } else if (isX(minor) || minor.isEmpty()) {
                version = major + ".0.0" + pre;
                dirty = true;
                minorDirty = true;
            } else if (isX(patch) || patch.isEmpty()) {
                version = major + "." + minor + ".0" + pre;
                dirty = true;
                patchDirty = true;
            }
            Optional<SemanticVersion> parsed = SemanticVersion.parse(version);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Comparison(m.group(1), parsed.get(), dirty, minorDirty, patchDirty));
        }

        private static boolean isX(String part) {
            return part.equals("x") || part.equals("X") || part.equals("*");
        }

        boolean check(SemanticVersion v) {
            return switch (operator) {
                case "", "=" -> dirty ? tilde(v) : v.compareTo(version) == 0;
                case "!=" -> notEqual(v);
                case ">" -> greaterThan(v);
                case "<" -> v.compareTo(version) < 0;
                case ">=", "=>" -> v.compareTo(version) >= 0;
                case "<=", "=<" -> lessThanOrEqual(v);
                case "~", "~>" -> tilde(v);
                case "^" -> caret(v);
                default -> false;
            };
        }

        private boolean notEqual(SemanticVersion v) {
            if (dirty) {
                if (version.major() != v.major()) {
                    return true;
                }
                if (minorDirty) {
                    return false;
                }
                if (version.minor() != v.minor()) {
                    return true;
                }
                if (patchDirty) {
                    return (v.isPreRelease() || version.isPreRelease())
                            && !v.preRelease().equals(version.preRelease());
                }
            }
            return v.compareTo(version) != 0;
        }

        private boolean greaterThan(SemanticVersion v) {
            if (!dirty) {
                return v.compareTo(version) > 0;
            }
            if (v.major() != version.major()) {
                return Long.compareUnsigned(v.major(), version.major()) > 0;
            }
            if (minorDirty) {
                return false;
            }
            if (patchDirty) {
                return Long.compareUnsigned(v.minor(), version.minor()) > 0;
            }
            return v.compareTo(version) > 0;
        }

        private boolean lessThanOrEqual(SemanticVersion v) {
            if (!dirty) {
                return v.compareTo(version) <= 0;
            }
            if (Long.compareUnsigned(v.major(), version.major()) > 0) {
                return false;
            }
            return !(v.major() == version.major() && Long.compareUnsigned(v.minor(), version.minor()) > 0 && !minorDirty);
        }

        private boolean tilde(SemanticVersion v) {
            if (v.compareTo(version) < 0) {
                return false;
            }
            if (version.major() == 0 && version.minor() == 0 && version.patch() == 0 && !minorDirty && !patchDirty) {
                return true;
            }
            if (v.major() != version.major()) {
                return false;
            }
            return v.minor() == version.minor() || minorDirty;
        }

        private boolean caret(SemanticVersion v) {
            if (v.compareTo(version) < 0) {
                return false;
            }
            if (version.major() > 0 || minorDirty) {
                return v.major() == version.major();
            }
            if (v.major() > 0) {
                return false;
            }
            if (version.minor() > 0 || patchDirty) {
                return v.minor() == version.minor();
            }
            if (v.minor() > 0) {
                return false;
            }
            return v.patch() == version.patch();
        }
    }
}
