package io.gitops4j.kube.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version constraint with the syntax and meaning Argo CD gives {@code targetRevision}
 * (those of Masterminds/semver v3, which it uses):
 * <ul>
 * <li>comparisons {@code =}, {@code !=}, {@code >}, {@code <}, {@code >=} ({@code =>}),
 *     {@code <=} ({@code =<}); no operator means {@code =};
 * <li>wildcards {@code x}, {@code X}, {@code *} in any position ({@code 1.2.*}, {@code 1.x},
 *     {@code *}); a version with fewer parts is a wildcard too ({@code =1.2} is {@code 1.2.x},
 *     {@code >11} wants 12 or more);
 * <li>{@code ~1.2.3} (same minor), {@code ~1} (same major), {@code ^1.2} (same major; same minor
 *     below 1.0.0, same patch below 0.1.0);
 * <li>hyphen ranges {@code 1.2 - 1.4.5}; AND by spaces or commas, OR by {@code ||};
 * <li>an optional {@code v} before each version.
 * </ul>
 * A pre-release version satisfies a group of ANDed constraints only when one of them names a
 * pre-release ({@code >=1.0.0-0}, {@code *-0}).
 *
 * <p>Helm reads chart versions ({@code targetRevision} of a chart, {@code Chart.yaml}
 * dependencies) with the same library, so one implementation serves Git tags and charts.
 * Immutable and thread-safe.
 */
public final class VersionConstraint {

    private static final String VERSION = "v?([0-9|xX*]+)(\\.[0-9|xX*]+)?(\\.[0-9|xX*]+)?"
            + "(-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
    /** Operators, in the order Masterminds tries them (an empty operator second). */
    private static final String OPERATOR = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
    private static final Pattern RANGE = Pattern.compile(
            "\\s*(" + nonCapturing(VERSION) + ")\\s+-\\s+(" + nonCapturing(VERSION) + ")\\s*");
    private static final Pattern ONE = Pattern.compile("^\\s*(" + OPERATOR + ")\\s*(" + VERSION + ")\\s*$");
    private static final Pattern FIND = Pattern.compile("(?:" + OPERATOR + ")\\s*(?:" + nonCapturing(VERSION) + ")");
    private static final Pattern GROUP = Pattern.compile("^\\s*(?:" + OPERATOR + ")\\s*(?:" + nonCapturing(VERSION)
            + ")\\s*(?:(?:\\s+|,\\s*)(?:" + OPERATOR + ")\\s*(?:" + nonCapturing(VERSION) + ")\\s*)*$");

    /** One comparison: an operator and the version it compares with, with its wildcard positions. */
    private record Term(String operator, SemanticVersion version, boolean dirty, boolean minorDirty, boolean patchDirty) {
    }

    /** ANDed terms; {@code preReleases} when one of them names a pre-release. */
    private record Group(List<Term> terms, boolean preReleases) {
    }

    private final String text;
    private final List<Group> groups;

    private VersionConstraint(String text, List<Group> groups) {
        this.text = text;
        this.groups = groups;
    }

    /**
     * The constraint, or empty when the text is not one (then Argo CD takes it as a literal name).
     *
     * @param text the constraint, {@code ^1.2}, {@code >=1.0 <2.0 || 3.x}
     * @return the constraint, or empty
     */
    public static Optional<VersionConstraint> parse(String text) {
        List<Group> groups = new ArrayList<>();
        for (String or : rewriteRanges(text).split("\\|\\|", -1)) {
            if (!GROUP.matcher(or).matches()) {
                return Optional.empty();
            }
            List<Term> terms = new ArrayList<>();
            Matcher found = FIND.matcher(or);
            while (found.find()) {
                Optional<Term> term = term(found.group());
                if (term.isEmpty()) {
                    return Optional.empty();
                }
                terms.add(term.get());
            }
            groups.add(new Group(List.copyOf(terms), terms.stream().anyMatch(t -> t.version().isPreRelease())));
        }
        return Optional.of(new VersionConstraint(text, List.copyOf(groups)));
    }

    /**
     * Whether the version satisfies one of the OR groups.
     *
     * @param version the version
     * @return whether it satisfies the constraint
     */
    public boolean test(SemanticVersion version) {
        for (Group group : groups) {
            if (version.isPreRelease() && !group.preReleases()) {
                continue;
            }
            if (group.terms().stream().allMatch(term -> holds(term, version))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** {@code A - B} becomes {@code >= A, <= B }, as Masterminds rewrites it before anything else. */
    private static String rewriteRanges(String text) {
        Matcher range = RANGE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (range.find()) {
            range.appendReplacement(out, Matcher.quoteReplacement(">= " + range.group(1) + ", <= " + range.group(2) + " "));
        }
        range.appendTail(out);
        return out.toString();
    }

    private static Optional<Term> term(String text) {
        Matcher m = ONE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String major = m.group(3);
        String minor = m.group(4) == null ? "" : m.group(4).substring(1);
        String patch = m.group(5) == null ? "" : m.group(5).substring(1);
        String pre = m.group(6) == null ? "" : m.group(6);
        boolean dirty = true;
        boolean minorDirty = false;
        boolean patchDirty = false;
        String version;
        if (isWildcard(major)) {
            version = "0.0.0" + pre;
        } else if (isWildcard(minor) || minor.isEmpty()) {
            minorDirty = true;
            version = major + ".0.0" + pre;
        } else if (isWildcard(patch) || patch.isEmpty()) {
            patchDirty = true;
            version = major + "." + minor + ".0" + pre;
        } else {
            dirty = false;
            version = m.group(2);
        }
        Optional<SemanticVersion> parsed = SemanticVersion.parse(version);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Term(m.group(1), parsed.get(), dirty, minorDirty, patchDirty));
    }

    private static boolean isWildcard(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    private static boolean holds(Term term, SemanticVersion v) {
        return switch (term.operator()) {
            case "", "=" -> term.dirty() ? tilde(term, v) : v.compareTo(term.version()) == 0;
            case "!=" -> notEqual(term, v);
            case ">" -> greaterThan(term, v);
            case "<" -> v.compareTo(term.version()) < 0;
            case ">=", "=>" -> v.compareTo(term.version()) >= 0;
            case "<=", "=<" -> lessOrEqual(term, v);
            case "~", "~>" -> tilde(term, v);
            case "^" -> caret(term, v);
            default -> throw new IllegalStateException("operator " + term.operator());
        };
    }

    private static boolean notEqual(Term term, SemanticVersion v) {
        SemanticVersion c = term.version();
        if (term.dirty()) {
            if (c.major() != v.major()) {
                return true;
            }
            if (term.minorDirty()) {
                return false;
            }
            if (c.minor() != v.minor()) {
                return true;
            }
            if (term.patchDirty()) {
                return !v.preRelease().equals(c.preRelease());
            }
        }
        return v.compareTo(c) != 0;
    }

    private static boolean greaterThan(Term term, SemanticVersion v) {
        SemanticVersion c = term.version();
        if (!term.dirty()) {
            return v.compareTo(c) > 0;
        }
        int major = Long.compareUnsigned(v.major(), c.major());
        if (major != 0) {
            return major > 0;
        }
        if (term.minorDirty()) {
            return false;
        }
        if (term.patchDirty()) {
            return Long.compareUnsigned(v.minor(), c.minor()) > 0;
        }
        return v.compareTo(c) > 0;
    }

    private static boolean lessOrEqual(Term term, SemanticVersion v) {
        SemanticVersion c = term.version();
        if (!term.dirty()) {
            return v.compareTo(c) <= 0;
        }
        int major = Long.compareUnsigned(v.major(), c.major());
        if (major > 0) {
            return false;
        }
        return !(major == 0 && !term.minorDirty() && Long.compareUnsigned(v.minor(), c.minor()) > 0);
    }

    private static boolean tilde(Term term, SemanticVersion v) {
        SemanticVersion c = term.version();
        if (v.compareTo(c) < 0) {
            return false;
        }
        if (c.major() == 0 && c.minor() == 0 && c.patch() == 0 && !term.minorDirty() && !term.patchDirty()) {
            return true;
        }
        return v.major() == c.major() && (term.minorDirty() || v.minor() == c.minor());
    }

    private static boolean caret(Term term, SemanticVersion v) {
        SemanticVersion c = term.version();
        if (v.compareTo(c) < 0) {
            return false;
        }
        if (c.major() != 0 || term.minorDirty()) {
            return v.major() == c.major();
        }
        if (v.major() != 0) {
            return false;
        }
        if (c.minor() != 0 || term.patchDirty()) {
            return v.minor() == c.minor();
        }
        if (v.minor() != 0) {
            return false;
        }
        return v.patch() == c.patch();
    }

    private static String nonCapturing(String pattern) {
        return pattern.replace("(?:", "(").replace("(", "(?:");
    }
}
