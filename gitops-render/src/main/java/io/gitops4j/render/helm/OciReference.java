package io.gitops4j.render.helm;

import io.gitops4j.kube.Redaction;
import java.util.regex.Pattern;

/**
 * Where a chart lives in an OCI registry: Argo CD's {@code repoURL: oci://REGISTRY/PATH} with
 * {@code chart: NAME} is the repository {@code PATH/NAME} of {@code REGISTRY}, as
 * {@code helm pull oci://REGISTRY/PATH/NAME} reads it.
 *
 * @param registry host, with the port when one is given
 * @param repository the repository's name in the registry (path components in lower case, as the
 *     OCI distribution specification requires)
 */
record OciReference(String registry, String repository) {

    static final String SCHEME = "oci://";

    /** The distribution specification's repository name grammar. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    /** The distribution specification's tag grammar. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]{1,5})?");

    /** Whether {@code repoURL} names an OCI registry. */
    static boolean isOci(String repoURL) {
        return repoURL.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * @throws HelmException naming the repoURL (without credentials) when it is not
     *     {@code oci://host[:port][/path]} or the chart name is not a repository name
     */
    static OciReference of(String repoURL, String chart) {
        String rest = repoURL.substring(SCHEME.length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        String registry = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String repository = path.isEmpty() ? chart : path + "/" + chart;
        if (!REGISTRY.matcher(registry).matches() || !REPOSITORY.matcher(repository).matches()) {
            throw new HelmException("repoURL " + Redaction.url(repoURL) + " with chart '" + chart + "' is not an OCI "
                    + "chart reference; write repoURL as oci://REGISTRY[/PATH] (no credentials, lower-case path) "
                    + "and the chart's name as chart");
        }
        return new OciReference(registry, repository);
    }

    /** Whether {@code tag} is a valid OCI tag (so it can stand in a URL path as it is). */
    static boolean isTag(String tag) {
        return TAG.matcher(tag).matches();
    }

    /** The tag Helm stores {@code version} under ({@code +} is not allowed in tags: it becomes {@code _}). */
    static String tag(String version) {
        return version.replace('+', '_');
    }

    /** The version a tag stands for. */
    static String version(String tag) {
        return tag.replace('_', '+');
    }

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}
