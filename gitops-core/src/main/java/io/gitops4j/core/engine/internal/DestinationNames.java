package io.gitops4j.core.engine.internal;

import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.project.DestinationCluster;

/**
 * The destination cluster of an application with one cluster only: an empty destination, the
 * in-cluster URL or the name {@code in-cluster} are Argo CD's in-cluster destination; anything else
 * is taken as written (projects judge it as such).
 */
final class DestinationNames {

    private DestinationNames() {
    }

    static DestinationCluster of(ApplicationDestination destination) {
        String server = destination.server().replaceAll("/+$", "");
        String name = destination.name().trim();
        if (server.isEmpty() && name.isEmpty() || server.equals(DestinationCluster.IN_CLUSTER.server())
                || name.equals(DestinationCluster.IN_CLUSTER.name())) {
            return DestinationCluster.IN_CLUSTER;
        }
        return new DestinationCluster(server, name);
    }
}
