package io.gitops4j.kube.semver;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version read as Argo CD reads tags and revisions (Masterminds/semver v3's
 * {@code NewVersion}): loosely, so {@code v1}, {@code 1.2}, {@code v1.2.3-rc.1+build} and even
 * {@code 2024-apple} (2024.0.0 with the pre-release {@code apple}) are versions. Numbers may have
 * leading zeros; a numeric pre-release part may not.
 *
 * @param major the major number, unsigned
 * @param minor the minor number, unsigned (0 when absent)
 * @param patch the patch number, unsigned (0 when absent)
 * @param preRelease the pre-release, without its {@code -}; empty for a release
 * @param original the text it was read from
 */
public record SemanticVersion(long major, long minor, long patch, String preRelease, String original)
        implements Comparable<SemanticVersion> {

    /** {@code v?N(.N)?(.N)?(-pre)?(+meta)?}, numbers of any length; what is checked further is below. */
    private static final Pattern LOOSE = Pattern.compile(
            "v?([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    /** What reading a text gave: a version, not a version at all, or a version-like text Masterminds rejects. */
    public enum Kind {
        /** A version. */
        VERSION,
        /** Text without the shape of a version (a branch name, a word). */
        NOT_A_VERSION,
        /** The shape of a version that Masterminds refuses (a number past 64 bits, a 0-led pre-release number). */
        INVALID
    }

    /**
     * The outcome of {@link #read}: the version, or why there is none.
     *
     * @param kind what the text is
     * @param version the version, when the text is one
     * @param problem why the text is no version; empty for a version
     */
    public record Reading(Kind kind, Optional<SemanticVersion> version, String problem) {
    }

    /**
     * The version, or empty when the text is not one (for whatever reason).
     *
     * @param text the text, {@code v1.2.3}, {@code 1.2}, {@code 1.0.0-rc.1+build}
     * @return the version, or empty
     */
    public static Optional<SemanticVersion> parse(String text) {
        return read(text).version();
    }

    /**
     * Reads a text: {@link Kind#NOT_A_VERSION} when it does not have the shape of a version;
     * {@link Kind#INVALID} when it has, but a number does not fit 64 bits or a numeric
     * pre-release part starts with 0 (Masterminds reports these as errors other than "invalid
     * semantic version", and Argo CD then gives up on the whole tag list).
     *
     * @param text the text
     * @return what the text is, with the version when it is one
     */
    public static Reading read(String text) {
        Matcher m = LOOSE.matcher(text);
        if (!m.matches()) {
            return new Reading(Kind.NOT_A_VERSION, Optional.empty(), "'" + text + "' is not a semantic version");
        }
        try {
            long major = Long.parseUnsignedLong(m.group(1));
            long minor = m.group(2) == null ? 0 : Long.parseUnsignedLong(m.group(2));
            long patch = m.group(3) == null ? 0 : Long.parseUnsignedLong(m.group(3));
            String pre = m.group(4) == null ? "" : m.group(4);
            for (String part : pre.isEmpty() ? new String[0] : pre.split("\\.")) {
                if (part.length() > 1 && part.charAt(0) == '0' && part.chars().allMatch(Character::isDigit)) {
                    return new Reading(Kind.INVALID, Optional.empty(), "the pre-release part '" + part + "' of '" + text
                            + "' starts with 0");
                }
            }
            return new Reading(Kind.VERSION, Optional.of(new SemanticVersion(major, minor, patch, pre, text)), "");
        } catch (NumberFormatException e) {
            return new Reading(Kind.INVALID, Optional.empty(), "a number in '" + text + "' does not fit 64 bits");
        }
    }

    /** {@return whether this is a pre-release ({@code 1.0.0-rc.1})} */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** SemVer precedence: numbers, then a release above its pre-releases, then pre-release parts. */
    @Override
    public int compareTo(SemanticVersion other) {
        int byNumbers = Long.compareUnsigned(major, other.major);
        if (byNumbers == 0) {
            byNumbers = Long.compareUnsigned(minor, other.minor);
        }
        if (byNumbers == 0) {
            byNumbers = Long.compareUnsigned(patch, other.patch);
        }
        if (byNumbers != 0) {
            return byNumbers;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        return comparePreReleases(preRelease, other.preRelease);
    }

    /** Part by part; a missing part sorts first, numbers before words, numbers by value, words by bytes. */
    private static int comparePreReleases(String left, String right) {
        String[] leftParts = left.split("\\.", -1);
        String[] rightParts = right.split("\\.", -1);
        for (int i = 0; i < Math.max(leftParts.length, rightParts.length); i++) {
            String l = i < leftParts.length ? leftParts[i] : "";
            String r = i < rightParts.length ? rightParts[i] : "";
            int order = comparePart(l, r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int comparePart(String left, String right) {
        if (left.equals(right)) {
            return 0;
        }
        if (left.isEmpty() || right.isEmpty()) {
            return left.isEmpty() ? -1 : 1;
        }
        Optional<Long> l = number(left);
        Optional<Long> r = number(right);
        if (l.isPresent() && r.isPresent()) {
            return Long.compareUnsigned(l.get(), r.get()) > 0 ? 1 : -1;
        }
        if (l.isPresent() || r.isPresent()) {
            return l.isPresent() ? -1 : 1;
        }
        return left.compareTo(right) > 0 ? 1 : -1;
    }

    private static Optional<Long> number(String part) {
        if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseUnsignedLong(part));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@return {@code major.minor.patch[-pre]}, without a {@code v} or build metadata} */
    public String canonical() {
        return Long.toUnsignedString(major) + "." + Long.toUnsignedString(minor) + "." + Long.toUnsignedString(patch)
                + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }
}
