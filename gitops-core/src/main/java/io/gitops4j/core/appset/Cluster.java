package io.gitops4j.core.appset;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster as the {@code clusters} generator sees it: Argo CD's cluster secret (its
 * {@code name}, {@code server} and {@code project} data, its labels and annotations).
 *
 * @param name the cluster's name ({@code in-cluster} for the local one)
 * @param server the API server URL
 * @param project the project the cluster is scoped to, or empty
 * @param labels the secret's labels, matched by the generator's {@code selector}
 * @param annotations the secret's annotations
 */
public record Cluster(String name, String server, String project, Map<String, String> labels,
        Map<String, String> annotations) {

    /** Argo CD's name of the cluster it runs in. */
    public static final String IN_CLUSTER_NAME = "in-cluster";
    /** Argo CD's URL of the cluster it runs in. */
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

    /**
     * Requires the name and server; a missing project becomes empty, missing labels and annotations empty
     * maps.
     *
     * @param name the cluster's name ({@code in-cluster} for the local one)
     * @param server the API server URL
     * @param project the project the cluster is scoped to, or empty
     * @param labels the secret's labels, matched by the generator's {@code selector}
     * @param annotations the secret's annotations
     */
    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        project = project == null ? "" : project;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /**
     * A cluster with a name, a server and labels.
     *
     * @param name the cluster's name
     * @param server the cluster's API server URL
     * @param labels the cluster secret's labels
     * @return a cluster with no project and no annotations
     */
    public static Cluster of(String name, String server, Map<String, String> labels) {
        return new Cluster(name, server, "", labels, Map.of());
    }

    /** {@return whether this is the local cluster ({@code https://kubernetes.default.svc})} */
    public boolean isInCluster() {
        return server.equals(IN_CLUSTER_SERVER);
    }
}
