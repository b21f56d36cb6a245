package io.gitops4j.core.engine.internal;

import io.gitops4j.core.git.GitSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a pushed repository URL names an application's repository, as Argo CD's webhook
 * matches them ({@code GetWebURLRegex}): the web URL's host and path, with any scheme of
 * {@code http}, {@code https} or {@code ssh} or none ({@code git@host:path}), any user, an
 * {@code ssh.} or {@code altssh.} host prefix, any port and an optional {@code .git} suffix, case
 * ignored; so a GitHub push of {@code https://github.com/org/repo} refreshes applications of
 * {@code git@github.com:org/repo.git} and {@code ssh://git@ssh.github.com:443/org/repo}. A URL that
 * is no web URL still matches every spelling of itself ({@link GitSource#sameRepository}).
 */
final class RepositoryUrlMatch {

    private static final String USER = "[\\w.][\\w.-]{0,30}[\\w.$-]?";

    private RepositoryUrlMatch() {
    }

    /** Whether {@code pushedURL} names the repository of {@code appRepoURL}. */
    static boolean matches(String appRepoURL, String pushedURL) {
        return GitSource.sameRepository(appRepoURL, pushedURL)
                || webUrlPattern(pushedURL).map(p -> p.matcher(appRepoURL.trim()).matches()).orElse(false);
    }

    /** The pattern of every repository URL a web URL stands for; empty when it is no URL with a host. */
    static Optional<Pattern> webUrlPattern(String webURL) {
        URI uri;
        try {
            uri = new URI(webURL.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawPath() == null) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath().startsWith("/") ? uri.getRawPath().substring(1) : uri.getRawPath();
        return Optional.of(Pattern.compile("^((https?|ssh)://)?(" + USER + "@)?((alt)?ssh\\.)?" + Pattern.quote(host)
                + "(:\\d+)?[:/]" + Pattern.quote(path) + "(\\.git)?$", Pattern.CASE_INSENSITIVE));
    }
}
