package io.gitops4j.core.project;

/**
 * The cluster an application deploys to, as the engine resolved it: both its API server URL and
 * its name, because a project destination may name either (Argo CD resolves
 * {@code destination.name} to the cluster's server and checks both).
 *
 * @param server the cluster's API server URL
 * @param name the cluster's name
 */
public record DestinationCluster(String server, String name) {

    /** Argo CD's in-cluster destination: the cluster the library was given. */
    public static final DestinationCluster IN_CLUSTER = new DestinationCluster("https://kubernetes.default.svc", "in-cluster");

    /**
     * Turns a missing server or name into the empty string.
     *
     * @param server the cluster's API server URL
     * @param name the cluster's name
     */
    public DestinationCluster {
        server = server == null ? "" : server;
        name = name == null ? "" : name;
    }

    @Override
    public String toString() {
        return server.isEmpty() ? name : name.isEmpty() ? server : name + " (" + server + ")";
    }
}
