package io.gitops4j.core.crd;

import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.RefreshType;
import io.gitops4j.k8s.clusters.RegisteredCluster;
import java.util.Set;

/**
 * Passes on what the cluster Secrets did and, after a change, compares every application again:
 * an application of a cluster registered anew syncs, one of a cluster gone turns Unknown.
 */
final class RefreshingSecretListener implements ClusterSecretWatch.Listener {

    private final ClusterSecretWatch.Listener delegate;
    private final ApplicationController engine;

    RefreshingSecretListener(ClusterSecretWatch.Listener delegate, ApplicationController engine) {
        this.delegate = delegate;
        this.engine = engine;
    }

    @Override
    public void registered(String secret, RegisteredCluster cluster) {
        delegate.registered(secret, cluster);
    }

    @Override
    public void refused(String secret, String message) {
        delegate.refused(secret, message);
    }

    @Override
    public void unregistered(String secret, String server) {
        delegate.unregistered(secret, server);
    }

    @Override
    public void changed(Set<String> servers) {
        delegate.changed(servers);
        engine.statuses().keySet().forEach(name -> engine.refresh(name, RefreshType.NORMAL));
    }
}
