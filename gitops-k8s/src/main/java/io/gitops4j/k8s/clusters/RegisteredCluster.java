package io.gitops4j.k8s.clusters;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.kube.Redaction;
import java.util.List;
import java.util.Objects;

/**
 * A cluster of a {@link ClusterRegistry}: its Argo CD identity (name and server), the namespaces
 * it is limited to, its {@link Cluster} client, the outcome of its last check and its own
 * {@link ConcurrencyLimit}. Immutable but for its limit's permits; a re-check returns a new one.
 *
 * @param name the name destinations use ({@code destination.name}), or empty
 * @param server the API server's URL ({@code destination.server}), without a trailing slash
 * @param namespaces the namespaces it is limited to, or empty for all of them
 * @param clusterResources whether cluster-scoped resources may be managed when limited to namespaces
 * @param project the AppProject it belongs to, or empty
 * @param cluster the client to talk to it through
 * @param connectionState the outcome of its last check
 * @param serverVersion the Kubernetes version it reported ({@code 1.31}), or empty when unknown
 * @param limit how many requests may run against it at once
 */
public record RegisteredCluster(String name, String server, List<String> namespaces, boolean clusterResources,
        String project, Cluster cluster, ConnectionState connectionState, String serverVersion, ConcurrencyLimit limit) {

    /**
     * Checks that every part is given.
     *
     * @param name the name destinations use ({@code destination.name}), or empty
     * @param server the API server's URL ({@code destination.server}), without a trailing slash
     * @param namespaces the namespaces it is limited to, or empty for all of them
     * @param clusterResources whether cluster-scoped resources may be managed when limited to namespaces
     * @param project the AppProject it belongs to, or empty
     * @param cluster the client to talk to it through
     * @param connectionState the outcome of its last check
     * @param serverVersion the Kubernetes version it reported ({@code 1.31}), or empty when unknown
     * @param limit how many requests may run against it at once
     * @throws NullPointerException when a part is {@code null}
     */
    public RegisteredCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(connectionState, "connectionState");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(limit, "limit");
    }

    /**
     * Whether its last check succeeded.
     *
     * @return whether the last check succeeded
     */
    public boolean isReachable() {
        return connectionState.isSuccessful();
    }

    /**
     * The cluster as messages name it: {@code 'staging' (https://10.0.0.1:6443)}, without credentials.
     *
     * @return the description
     */
    public String describe() {
        return (name.isEmpty() ? "" : "'" + name + "' ") + "(" + Redaction.url(server) + ")";
    }

    RegisteredCluster withState(ConnectionState state, String version) {
        return new RegisteredCluster(name, server, namespaces, clusterResources, project, cluster, state, version, limit);
    }

    @Override
    public String toString() {
        return "RegisteredCluster[" + describe() + ", " + connectionState.status().argoName()
                + (connectionState.message().isEmpty() ? "" : ": " + connectionState.message()) + "]";
    }
}
