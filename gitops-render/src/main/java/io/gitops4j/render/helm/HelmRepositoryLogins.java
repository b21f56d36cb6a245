package io.gitops4j.render.helm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials of {@code https://} chart repositories, found for a repository URL as Argo CD
 * finds them: a repository's own entry ({@link Builder#repository}, a {@code repository} Secret)
 * when there is one, else the credential template ({@link Builder#credentialTemplate}, a
 * {@code repo-creds} Secret) with the longest URL prefix of the repository's. URLs are compared
 * without regard to case and trailing slashes. Unlike Argo CD's plain string prefix, a template
 * applies only to URLs of its own host and port: {@code https://charts.example.com} does not give
 * its credentials to {@code https://charts.example.com.attacker.net}. Immutable; {@code toString}
 * shows URLs only.
 */
public final class HelmRepositoryLogins {

    /** No credentials for any repository. */
    public static final HelmRepositoryLogins NONE = builder().build();

    private final Map<String, HelmRepositoryCredentials> repositories;
    private final Map<String, HelmRepositoryCredentials> templates;

    private HelmRepositoryLogins(Builder builder) {
        this.repositories = Map.copyOf(builder.repositories);
        this.templates = Map.copyOf(builder.templates);
    }

    /**
     * Starts an empty set of credentials.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The credentials for a chart repository.
     *
     * @param repoURL the repository's URL, as an Application or a {@code Chart.yaml} dependency names it
     * @return its own credentials, else the longest matching template's; empty when none apply
     */
    public Optional<HelmRepositoryCredentials> find(String repoURL) {
        String url = normalize(repoURL);
        HelmRepositoryCredentials own = repositories.get(url);
        if (own != null) {
            return Optional.of(own);
        }
        String best = null;
        for (String prefix : templates.keySet()) {
            if (url.startsWith(prefix) && authority(url).equals(authority(prefix))
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best == null ? null : templates.get(best));
    }

    /**
     * Whether no repository has credentials.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return repositories.isEmpty() && templates.isEmpty();
    }

    /** The part between {@code scheme://} and the next slash: user information, host and port. */
    private static String authority(String url) {
        int start = url.indexOf("://");
        String rest = start < 0 ? url : url.substring(start + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String normalize(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        while (lower.endsWith("/")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        return lower;
    }

    @Override
    public String toString() {
        return "HelmRepositoryLogins[repositories=" + repositories.keySet() + ", templates=" + templates.keySet() + "]";
    }

    /** Collects the credentials; a later entry for the same URL replaces an earlier one. */
    public static final class Builder {
        private final Map<String, HelmRepositoryCredentials> repositories = new LinkedHashMap<>();
        private final Map<String, HelmRepositoryCredentials> templates = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The credentials of one repository (Argo CD's {@code repository} Secret).
         *
         * @param url the repository's URL
         * @param credentials what it is sent
         * @return this builder
         */
        public Builder repository(String url, HelmRepositoryCredentials credentials) {
            repositories.put(normalize(Objects.requireNonNull(url, "url")), Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /**
         * The credentials of every repository whose URL starts with {@code urlPrefix} (Argo CD's
         * {@code repo-creds} Secret).
         *
         * @param urlPrefix the URL prefix, for example {@code https://charts.example.com/}
         * @param credentials what those repositories are sent
         * @return this builder
         */
        public Builder credentialTemplate(String urlPrefix, HelmRepositoryCredentials credentials) {
            templates.put(normalize(Objects.requireNonNull(urlPrefix, "urlPrefix")),
                    Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /**
         * The credentials collected.
         *
         * @return the immutable credentials
         */
        public HelmRepositoryLogins build() {
            return new HelmRepositoryLogins(this);
        }
    }
}
