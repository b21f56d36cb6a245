package io.gitops4j.k8s.clusters;

import io.gitops4j.kube.Redaction;
import java.util.List;
import java.util.Objects;

/**
 * A cluster as Argo CD declares one (its {@code Cluster} type, or a cluster Secret): where it is
 * and how to authenticate.
 *
 * @param name the name Applications use in {@code destination.name}; unique in a registry
 * @param server the API server's URL, without a trailing slash, as {@code destination.server}
 * @param namespaces the namespaces the cluster is limited to, or empty for all of them
 * @param clusterResources whether cluster-scoped resources may be managed when
 *     {@code namespaces} is not empty (Argo CD's {@code clusterResources})
 * @param project the AppProject the cluster belongs to, or empty
 * @param config the credentials and TLS settings
 */
public record ClusterDefinition(String name, String server, List<String> namespaces, boolean clusterResources,
        String project, ClusterConfig config) {

    /**
     * Checks that every part is given, and copies the namespaces.
     *
     * @param name the name Applications use in {@code destination.name}; unique in a registry
     * @param server the API server's URL, without a trailing slash, as {@code destination.server}
     * @param namespaces the namespaces the cluster is limited to, or empty for all of them
     * @param clusterResources whether cluster-scoped resources may be managed when {@code namespaces} is not
     *     empty (Argo CD's {@code clusterResources})
     * @param project the AppProject the cluster belongs to, or empty
     * @param config the credentials and TLS settings
     * @throws NullPointerException when a part is {@code null}
     */
    public ClusterDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(config, "config");
    }

    /**
     * A cluster at {@code server} named {@code name}, for every namespace, with {@code config}.
     *
     * @param name the cluster's name, as {@code destination.name} uses it
     * @param server the API server URL, as {@code destination.server} uses it
     * @param config the credentials and TLS settings
     * @return the definition
     */
    public static ClusterDefinition of(String name, String server, ClusterConfig config) {
        return new ClusterDefinition(name, server, List.of(), false, "", config);
    }

    @Override
    public String toString() {
        return "ClusterDefinition[name=" + name + ", server=" + Redaction.url(server) + ", namespaces=" + namespaces
                + ", clusterResources=" + clusterResources + ", project=" + project + ", config=" + config + "]";
    }
}
