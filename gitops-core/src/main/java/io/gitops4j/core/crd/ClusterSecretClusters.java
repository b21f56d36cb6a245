package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Argo CD's cluster Secrets of the controller's namespace, as Argo CD's
 * ApplicationSet controller reads them from its informer's cache, with their labels and
 * annotations (what the generator's {@code selector} and {@code values} read): the Secrets the
 * controller's one reader of cluster Secrets ({@link ClusterSecretInformer}) holds now, so a
 * generation makes no request and sees a Secret added, changed or deleted as soon as its watch
 * event arrived. A Secret that cannot be read is left out with a
 * warning naming it; the local cluster is the generator's own default.
 */
final class ClusterSecretClusters implements Supplier<List<io.gitops4j.core.appset.Cluster>> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecretClusters.class);

    private final ClusterSecretInformer secrets;

    ClusterSecretClusters(ClusterSecretInformer secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public List<io.gitops4j.core.appset.Cluster> get() {
        List<io.gitops4j.core.appset.Cluster> clusters = new ArrayList<>();
        for (JsonNode secret : secrets.secrets()) {
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
