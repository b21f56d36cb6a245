package io.gitops4j.core.project;

/**
 * One entry of a project's {@code spec.destinations}: a cluster by {@code server} URL or by
 * {@code name}, and a {@code namespace}; each a glob, and each may start with {@code !} to deny
 * what it matches (see {@link AppProject}).
 *
 * @param server a glob over cluster API server URLs, or empty
 * @param name a glob over cluster names, or empty
 * @param namespace a glob over namespaces
 */
public record ProjectDestination(String server, String name, String namespace) {

    /**
     * Turns a missing server, name or namespace into the empty string.
     *
     * @param server a glob over cluster API server URLs, or empty
     * @param name a glob over cluster names, or empty
     * @param namespace a glob over namespaces
     */
    public ProjectDestination {
        server = server == null ? "" : server;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    /**
     * A destination by server URL.
     *
     * @param server the cluster's API server URL, or a glob
     * @param namespace the namespace, or a glob
     * @return a destination matched by server
     */
    public static ProjectDestination server(String server, String namespace) {
        return new ProjectDestination(server, "", namespace);
    }

    /**
     * A destination by cluster name.
     *
     * @param name the cluster's name, or a glob
     * @param namespace the namespace, or a glob
     * @return a destination matched by name
     */
    public static ProjectDestination named(String name, String namespace) {
        return new ProjectDestination("", name, namespace);
    }

    /** Argo CD's key for duplicate detection: {@code server/namespace}, or {@code name/namespace} without a server. */
    String key() {
        return (server.isEmpty() && !name.isEmpty() ? name : server) + "/" + namespace;
    }

    @Override
    public String toString() {
        return (server.isEmpty() ? "" : "server '" + server + "' ") + (name.isEmpty() ? "" : "name '" + name + "' ")
                + "namespace '" + namespace + "'";
    }
}
