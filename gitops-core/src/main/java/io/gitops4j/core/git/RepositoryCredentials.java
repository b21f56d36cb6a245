package io.gitops4j.core.git;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@link GitCredentials} go to which repository, as Argo CD picks them: the credentials
 * of a repository registered with its exact URL first (Argo CD's repository secrets), else those
 * of the longest URL prefix that the repository's URL starts with (Argo CD's {@code repo-creds}
 * credential templates). URLs are compared normalized, as Argo CD does (case, {@code .git},
 * {@code git@host:path} is {@code ssh://git@host/path}; see {@code RepoUrls}), and without the
 * user information a repository URL may carry. Prefixes are plain string prefixes, as in Argo
 * CD: {@code https://github.com/org} also matches {@code https://github.com/organization/x};
 * end a prefix with {@code /} to avoid that.
 *
 * <pre>{@code
 * RepositoryCredentials credentials = RepositoryCredentials.builder()
 *         .prefix("https://github.com/my-org/", GitCredentials.https("git", token))
 *         .repository("git@github.com:my-org/infra.git", GitCredentials.ssh(key, knownHosts))
 *         .build();
 * }</pre>
 *
 * <p>Immutable; {@code toString()} names the URLs, never a secret.
 */
public final class RepositoryCredentials {

    private static final RepositoryCredentials NONE = new RepositoryCredentials(Map.of(), Map.of());

    private final Map<String, GitCredentials> repositories;
    private final Map<String, GitCredentials> prefixes;

    private RepositoryCredentials(Map<String, GitCredentials> repositories, Map<String, GitCredentials> prefixes) {
        this.repositories = repositories;
        this.prefixes = prefixes;
    }

    /** {@return an empty set of credentials: public repositories only (and those whose URL carries its own)} */
    public static RepositoryCredentials none() {
        return NONE;
    }

    /**
     * Starts a set of credentials by repository and by URL prefix.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The credentials for a repository: its own, else the longest matching prefix's.
     *
     * @param repoURL the repository; user information in the URL is ignored for the lookup
     * @return the credentials; empty when none matches
     */
    public Optional<GitCredentials> lookup(String repoURL) {
        String url = RepoUrls.normalize(RepoUrls.withoutUserInfo(repoURL));
        GitCredentials exact = repositories.get(url);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (url.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(prefixes::get);
    }

    /** Every secret registered, for redaction. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        repositories.values().forEach(c -> secrets.addAll(c.secrets()));
        prefixes.values().forEach(c -> secrets.addAll(c.secrets()));
        return secrets;
    }

    @Override
    public String toString() {
        return "RepositoryCredentials[repositories=" + repositories.keySet() + ", prefixes=" + prefixes.keySet() + "]";
    }

    /** Collects credentials by repository URL and by URL prefix; a later entry for the same URL wins. */
    public static final class Builder {
        private final Map<String, GitCredentials> repositories = new LinkedHashMap<>();
        private final Map<String, GitCredentials> prefixes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Credentials for one repository (Argo CD: a repository secret).
         *
         * @param repoURL the repository's URL
         * @param credentials its credentials
         * @return this builder
         */
        public Builder repository(String repoURL, GitCredentials credentials) {
            repositories.put(RepoUrls.normalize(RepoUrls.withoutUserInfo(Objects.requireNonNull(repoURL, "repoURL"))),
                    Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /**
         * Credentials for every repository whose URL starts with the prefix (Argo CD: a {@code repo-creds}
         * template).
         *
         * @param urlPrefix the prefix, such as {@code https://github.com/my-org/}
         * @param credentials the credentials of every repository under it
         * @return this builder
         */
        public Builder prefix(String urlPrefix, GitCredentials credentials) {
            prefixes.put(RepoUrls.normalizePrefix(RepoUrls.withoutUserInfo(Objects.requireNonNull(urlPrefix, "urlPrefix"))),
                    Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /**
         * Builds the credentials.
         *
         * @return the credentials by repository and prefix
         */
        public RepositoryCredentials build() {
            return new RepositoryCredentials(Map.copyOf(repositories), Map.copyOf(prefixes));
        }
    }
}
