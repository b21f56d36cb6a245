package io.gitops4j.core.model;

/**
 * Where an application is deployed. {@code server} and {@code name} identify the cluster as in
 * Argo CD; with a single cluster given to {@link io.gitops4j.core.GitOps} they are informational.
 *
 * @param server the cluster's API server URL, or empty
 * @param name the cluster's name, or empty
 * @param namespace the namespace for namespaced objects that name none; empty means
 *     {@code default}
 */
public record ApplicationDestination(String server, String name, String namespace) {

    /**
     * Turns a missing server, name or namespace into the empty string.
     *
     * @param server the cluster's API server URL, or empty
     * @param name the cluster's name, or empty
     * @param namespace the namespace for namespaced objects that name none; empty means {@code default}
     */
    public ApplicationDestination {
        server = server == null ? "" : server;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    /**
     * A destination in the given namespace of the cluster the library was given.
     *
     * @param namespace the namespace; empty for {@code default}
     * @return a destination with no server or cluster name
     */
    public static ApplicationDestination namespace(String namespace) {
        return new ApplicationDestination("", "", namespace);
    }

    /** {@return the namespace namespaced objects without one go to} */
    public String effectiveNamespace() {
        return namespace.isEmpty() ? "default" : namespace;
    }
}
