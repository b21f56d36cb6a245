package com.example.platform;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.ReconcileResult;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reconciles the Argo CD Applications of a file into a cluster: production code of the consumer. */
public final class PlatformReconciler {

    private final GitOps gitops;

    public PlatformReconciler(GitOps gitops) {
        this.gitops = gitops;
    }

    public static PlatformReconciler on(Cluster cluster, Path cache) {
        return new PlatformReconciler(GitOps.builder().cluster(cluster).workDir(cache).build());
    }

    public List<ReconcileResult> reconcile(Path applications) {
        List<ReconcileResult> results = new ArrayList<>();
        for (Application app : Applications.read(applications)) {
            results.add(gitops.reconcile(app));
        }
        return results;
    }
}
