package io.gitops4j.examples;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.ReconcileResult;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a platform team embeds GitOps4J: Argo CD Application files, as they are, reconciled from
 * plain Java into whatever {@link Cluster} the caller hands over, a
 * {@link io.gitops4j.k8s.fabric8.Fabric8Cluster} in production or a
 * {@link io.gitops4j.fake.FakeCluster} in tests.
 */
public final class EmbeddingExample {

    private final GitOps gitops;

    public EmbeddingExample(Cluster cluster, Path cacheDirectory) {
        this.gitops = GitOps.builder().cluster(cluster).workDir(cacheDirectory).build();
    }

    /** Reconciles every Application in an Argo CD Application YAML file, in file order. */
    public List<ReconcileResult> reconcileAll(Path applicationFile) {
        List<ReconcileResult> results = new ArrayList<>();
        for (Application app : Applications.read(applicationFile)) {
            results.add(gitops.reconcile(app));
        }
        return results;
    }
}
