package io.gitops4j.core.argocd;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of Argo CD's {@code resource.exclusions} or {@code resource.inclusions}: the API groups,
 * kinds and clusters it covers. An empty list covers everything; groups and clusters are globs
 * ({@code *}, {@code ?}), kinds are names or {@code *}, as in Argo CD.
 *
 * @param apiGroups API groups ({@code ""} is the core group)
 * @param kinds kinds
 * @param clusters cluster server URLs
 */
public record FilteredResource(List<String> apiGroups, List<String> kinds, List<String> clusters) {

    /**
     * Copies the lists.
     *
     * @param apiGroups API groups ({@code ""} is the core group)
     * @param kinds kinds
     * @param clusters cluster server URLs
     */
    public FilteredResource {
        apiGroups = List.copyOf(apiGroups);
        kinds = List.copyOf(kinds);
        clusters = List.copyOf(clusters);
    }

    /**
     * Whether the entry covers a group and kind on a cluster (its server URL).
     *
     * @param apiGroup the API group, empty for the core group
     * @param kind the kind
     * @param cluster the cluster's server URL
     * @return {@code true} when the group, kind and cluster all match
     */
    public boolean matches(String apiGroup, String kind, String cluster) {
        return (apiGroups.isEmpty() || apiGroups.stream().anyMatch(g -> glob(g, apiGroup)))
                && (kinds.isEmpty() || kinds.stream().anyMatch(k -> k.equals("*") || k.equals(kind)))
                && matchesCluster(cluster);
    }

    /**
     * Whether the entry applies to a cluster at all.
     *
     * @param cluster the cluster's server URL
     * @return {@code true} when {@code clusters} is empty or one of its globs matches
     */
    public boolean matchesCluster(String cluster) {
        return clusters.isEmpty() || clusters.stream().anyMatch(c -> glob(c, cluster));
    }

    static boolean glob(String pattern, String text) {
        if (!pattern.contains("*") && !pattern.contains("?")) {
            return pattern.equals(text);
        }
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
