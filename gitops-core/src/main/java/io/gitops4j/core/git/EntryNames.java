package io.gitops4j.core.git;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.util.SystemReader;

/**
 * Which names of tree entries a checkout writes: JGit's own checks (no empty name, no {@code .}
 * or {@code ..}, no {@code /}, no NUL, no {@code .git} in any case nor the NTFS short name
 * {@code git~1} nor {@code .git} with trailing dots or spaces, no {@code .git} hidden by
 * characters HFS+ ignores; on Windows, no device names or characters Windows refuses), plus NTFS
 * alternate data streams of {@code .git} ({@code .git::$INDEX_ALLOCATION}), which {@code git}
 * refuses too.
 */
final class EntryNames {

    private final ObjectChecker checker = new ObjectChecker()
            .setSafeForMacOS(true)
            .setSafeForWindows(SystemReader.getInstance().isWindows());

    /**
     * @param name the raw bytes of one entry's name
     * @param path the entry's path in the tree, for the message
     */
    void check(byte[] name, String path) throws UnsafeTreeException {
        try {
            checker.checkPathSegment(name, 0, name.length);
        } catch (CorruptObjectException e) {
            throw refused(path, e.getMessage());
        }
        if (isNtfsStreamOfDotGit(new String(name, StandardCharsets.UTF_8))) {
            throw refused(path, "an NTFS stream of .git");
        }
    }

    private static boolean isNtfsStreamOfDotGit(String name) {
        for (String part : name.split("\\\\")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String beforeStream = part.substring(0, colon).toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "");
            if (beforeStream.equals(".git") || beforeStream.equals("git~1")) {
                return true;
            }
        }
        return false;
    }

    private static UnsafeTreeException refused(String path, String why) {
        return new UnsafeTreeException("the entry '" + path + "' has a name Git refuses to check out (" + why
                + "); rename it in the repository");
    }
}
