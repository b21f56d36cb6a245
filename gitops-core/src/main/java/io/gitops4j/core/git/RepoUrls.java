package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Repository URLs compared as Argo CD compares them ({@code git.NormalizeGitURL}): trimmed and
 * lower-cased, {@code git@host:path} read as {@code ssh://git@host/path} and the scheme
 * {@code ssh://} then dropped, a {@code .git} suffix removed; so
 * {@code https://GitHub.com/a/b} and {@code https://github.com/a/b.git} are one repository. A
 * trailing slash is removed too (Argo CD keeps it; Git servers serve the same repository). Local
 * paths and {@code file://} URLs are file names: only trimmed, never lower-cased.
 */
final class RepoUrls {

    private static final Pattern SCP_LIKE = Pattern.compile("^(ssh://)?([^/:]*?)@[^@]+$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@");

    private RepoUrls() {
    }

    /** The key two spellings of one repository share: its Git cache and its ls-remote answer. */
    static String normalize(String repoURL) {
        return argoNormalized(repoURL, true);
    }

    /**
     * A credential template's URL as Argo CD normalizes it for prefix matching: as
     * {@link #normalize} but keeping a trailing slash, so {@code https://host/org/} does not
     * match {@code https://host/organization}.
     */
    static String normalizePrefix(String prefix) {
        return argoNormalized(prefix, false);
    }

    /**
     * The normalized URL without its user part, so that {@code https://token@host/a/b},
     * {@code git@host:a/b} and {@code ssh://host/a/b} compare equal to {@code https://host/a/b}'s
     * and {@code host/a/b}'s forms of the same repository; local paths stay file names.
     */
    static String identity(String repoURL) {
        if (isLocal(repoURL)) {
            return normalize(repoURL);
        }
        String normalized = normalize(withoutUserInfo(repoURL));
        int slash = normalized.indexOf('/');
        int at = normalized.indexOf('@');
        return !normalized.contains("://") && at >= 0 && (slash < 0 || at < slash) ? normalized.substring(at + 1) : normalized;
    }

    /** The URL without {@code user[:password]@}, for matching it against credentials. */
    static String withoutUserInfo(String repoURL) {
        return USER_INFO.matcher(repoURL.trim()).replaceFirst("$1");
    }

    static boolean isLocal(String repoURL) {
        String url = repoURL.trim();
        return url.startsWith("file:") || !SCHEME.matcher(url).matches() && !SCP_LIKE.matcher(url).matches();
    }

    static boolean isSsh(String repoURL) {
        String url = repoURL.trim().toLowerCase(Locale.ROOT);
        return url.startsWith("ssh://") || url.startsWith("git+ssh://") || url.startsWith("ssh+git://")
                || !SCHEME.matcher(url).matches() && SCP_LIKE.matcher(url).matches();
    }

    /**
     * A readable folder name, the same for every spelling of one repository: the last name of its
     * normalized URL (never its credentials or query) and a hash of that URL.
     */
    static String folderName(String repoURL) {
        String readable = Redaction.url(normalize(repoURL)).replaceAll("[?#].*$", "");
        String trimmed = readable.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        String base = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return (base.isEmpty() || base.startsWith(".") ? "repo" : base) + "-" + sha256(normalize(repoURL)).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String argoNormalized(String repoURL, boolean dropTrailingSlash) {
        String url = repoURL.trim();
        if (isLocal(url)) {
            return dropTrailingSlash ? url.replaceAll("(?<=.)/+$", "") : url;
        }
        url = url.toLowerCase(Locale.ROOT);
        if (SCP_LIKE.matcher(url).matches() && !url.startsWith("ssh://")) {
            url = "ssh://" + url.replaceFirst(":", "/");
        }
        if (dropTrailingSlash) {
            url = url.replaceAll("/+$", "");
        }
        if (url.endsWith(".git")) {
            url = url.substring(0, url.length() - ".git".length());
        }
        return url.startsWith("ssh://") ? url.substring("ssh://".length()) : url;
    }
}
