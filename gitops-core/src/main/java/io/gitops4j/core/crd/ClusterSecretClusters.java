package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.k8s.clusters.ClusterDefinition;
import io.gitops4j.k8s.clusters.ClusterSecrets;
import io.gitops4j.k8s.clusters.InvalidClusterSecretException;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters an ApplicationSet's {@code clusters} generator chooses from in controller mode:
 * Argo CD's cluster Secrets of the controller's namespace, listed at every generation as Argo CD's
 * ApplicationSet controller lists them, with their labels and annotations (what the generator's
 * {@code selector} and {@code values} read). A Secret that cannot be read is left out with a
 * warning naming it; the local cluster is the generator's own default.
 */
final class ClusterSecretClusters implements Supplier<List<io.gitops4j.core.appset.Cluster>> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecretClusters.class);

    private final Cluster cluster;
    private final String namespace;

    ClusterSecretClusters(Cluster cluster, String namespace) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public List<io.gitops4j.core.appset.Cluster> get() {
        List<io.gitops4j.core.appset.Cluster> clusters = new ArrayList<>();
        for (JsonNode secret : cluster.list(BuiltInResourceTypes.SECRET, ListOptions.inNamespace(namespace)
                .withLabelSelector(ClusterSecrets.SECRET_TYPE_LABEL + "=" + ClusterSecrets.SECRET_TYPE_CLUSTER))) {
            try {
                ClusterDefinition definition = ClusterSecrets.parse(secret);
                clusters.add(new io.gitops4j.core.appset.Cluster(
                        definition.name().isEmpty() ? definition.server() : definition.name(), definition.server(),
                        definition.project(), KubernetesObjects.labels(secret), KubernetesObjects.annotations(secret)));
            } catch (InvalidClusterSecretException e) {
                LOG.warn("{}; the clusters generator leaves it out", e.getMessage());
            }
        }
        return clusters;
    }
}
