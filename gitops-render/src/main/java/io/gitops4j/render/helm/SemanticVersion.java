package io.gitops4j.render.helm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart version as Helm reads one (Masterminds semver's {@code NewVersion}): {@code v} allowed,
 * minor and patch optional ({@code 1.2} is {@code 1.2.0}), a pre-release after {@code -}, build
 * metadata after {@code +} (ignored when comparing). Ordered by major, minor, patch, then a
 * release above its pre-releases, pre-releases part by part (numbers below names).
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the pre-release, empty for a release
 * @param original the text the version was read from
 */
record SemanticVersion(long major, long minor, long patch, String preRelease, String original)
        implements Comparable<SemanticVersion> {

    private static final String NUMERIC = "0|[1-9][0-9]*";
    private static final String PART = "(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern VERSION = Pattern.compile("v?(" + NUMERIC + ")(?:\\.(" + NUMERIC + "))?(?:\\.("
            + NUMERIC + "))?(?:-(" + PART + "(?:\\." + PART + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    /** The version {@code text} names, if it is one. */
    static Optional<SemanticVersion> parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SemanticVersion(Long.parseUnsignedLong(m.group(1)), number(m.group(2)),
                    number(m.group(3)), m.group(4) == null ? "" : m.group(4), text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseUnsignedLong(group);
    }

    boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = Long.compareUnsigned(major, other.major);
        if (c == 0) {
            c = Long.compareUnsigned(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compareUnsigned(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.equals(other.preRelease)) {
            return 0;
        }
        if (preRelease.isEmpty()) {
            return 1;
        }
        if (other.preRelease.isEmpty()) {
            return -1;
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String a, String b) {
        String[] left = a.split("\\.", -1);
        String[] right = b.split("\\.", -1);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int c = comparePart(i < left.length ? left[i] : "", i < right.length ? right[i] : "");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int comparePart(String s, String o) {
        if (s.equals(o)) {
            return 0;
        }
        if (s.isEmpty()) {
            return -1;
        }
        if (o.isEmpty()) {
            return 1;
        }
        boolean sNumber = s.matches("[0-9]+");
        boolean oNumber = o.matches("[0-9]+");
        if (sNumber && oNumber) {
            return new java.math.BigInteger(s).compareTo(new java.math.BigInteger(o));
        }
        if (sNumber) {
            return -1;
        }
        if (oNumber) {
            return 1;
        }
        return s.compareTo(o) > 0 ? 1 : -1;
    }

    @Override
    public String toString() {
        return original;
    }
}
