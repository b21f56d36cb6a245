package io.gitops4j.render.kustomize.internal.target;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kustomize remote resource: a Git repository, a path inside it and a ref, written as
 * {@code https://github.com/org/repo//path?ref=v1}, {@code git::https://host/org/repo.git//path},
 * {@code git@github.com:org/repo.git//path?ref=v1} or {@code github.com/org/repo//path?ref=v1}. As
 * in Kustomize, the repository ends at {@code //}, else after {@code .git}, else (a
 * {@code file://} URL) it is the whole path, else it is the host and two path segments.
 *
 * @param repoURL the repository URL Git understands
 * @param path the directory inside it; empty for the root
 * @param ref the branch, tag or commit; empty for the default branch
 */
record RemoteReference(String repoURL, String path, String ref) {

    /** {@code .git} ending the repository part: before a slash or at the end. */
    private static final Pattern GIT_SUFFIX = Pattern.compile("\\.git(/|$)");
    private static final Pattern QUERY_REF = Pattern.compile("[?&](?:ref|version)=([^&]+)");

    /** Whether a resource entry names a remote resource rather than a local path. */
    static boolean isRemote(String entry) {
        return entry.matches("^(git::)?[a-z][a-z0-9+.-]*://.*") || entry.matches("^[^/@]+@[^/:]+:.*")
                || entry.matches("^(github\\.com|gitlab\\.com|bitbucket\\.org)/.*");
    }

    static Optional<RemoteReference> parse(String entry) {
        if (!isRemote(entry)) {
            return Optional.empty();
        }
        String text = entry.startsWith("git::") ? entry.substring(5) : entry;
        String ref = "";
        int query = text.indexOf('?');
        if (query >= 0) {
            Matcher m = QUERY_REF.matcher(text.substring(query));
            if (m.find()) {
                ref = m.group(1);
            }
            text = text.substring(0, query);
        }
        if (text.matches("^(github\\.com|gitlab\\.com|bitbucket\\.org)/.*")) {
            text = "https://" + text;
        }
        int schemeEnd = text.indexOf("://");
        int searchFrom = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int split = text.indexOf("//", searchFrom);
        String repo;
        String path;
        if (split >= 0) {
            repo = text.substring(0, split);
            path = text.substring(split + 2);
        } else {
            Matcher gitSuffix = GIT_SUFFIX.matcher(text).region(searchFrom, text.length());
            if (gitSuffix.find()) {
                repo = text.substring(0, gitSuffix.start() + 4);
                path = text.substring(gitSuffix.end());
            } else if (text.startsWith("file://")) {
                repo = text;
                path = "";
            } else {
                String[] parts = text.substring(searchFrom).split("/");
                int repoParts = Math.min(3, parts.length);
                String host = String.join("/", Arrays.copyOfRange(parts, 0, repoParts));
                repo = text.substring(0, searchFrom) + host;
                path = String.join("/", Arrays.copyOfRange(parts, repoParts, parts.length));
            }
        }
        return Optional.of(new RemoteReference(repo, path.replaceAll("^/+|/+$", ""), ref));
    }
}
