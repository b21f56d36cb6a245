package io.gitops4j.cluster;

/**
 * One field a server-side apply would change that another manager owns.
 *
 * @param manager the manager that owns the field, for example {@code kube-controller-manager}
 * @param apiVersion the API version that manager wrote the field in, as the API server names it
 *     for a manager that wrote with an update (it does not for one that applied): empty otherwise
 * @param field the field path as the API server prints it, for example {@code .spec.replicas}
 *     or {@code .spec.template.spec.containers[name="web"].image}
 * @param subresource the subresource the manager wrote through, such as {@code scale} for an
 *     autoscaler; empty for the main resource
 */
public record FieldConflict(String manager, String apiVersion, String field, String subresource) {

    /**
     * A conflict with a manager that wrote through the main resource.
     *
     * @param manager the manager that owns the field
     * @param apiVersion the API version that manager wrote the field in, or empty
     * @param field the field path as the API server prints it, for example {@code .spec.replicas}
     */
    public FieldConflict(String manager, String apiVersion, String field) {
        this(manager, apiVersion, field, "");
    }

    /**
     * The manager as the API server's message names it: {@code "hpa" with subresource "scale"
     * using apps/v1}.
     *
     * @return the manager's name in quotes, with its subresource and API version when known
     */
    public String owner() {
        StringBuilder owner = new StringBuilder("\"").append(manager).append('"');
        if (!subresource.isEmpty()) {
            owner.append(" with subresource \"").append(subresource).append('"');
        }
        if (!apiVersion.isEmpty()) {
            owner.append(" using ").append(apiVersion);
        }
        return owner.toString();
    }

    @Override
    public String toString() {
        return field + " (owned by " + owner() + ")";
    }
}
