package io.gitops4j.k8s;

/**
 * One field a server-side apply would change that another manager owns.
 *
 * @param manager the manager that owns the field, for example {@code kube-controller-manager}
 * @param apiVersion the API version that manager wrote the field in
 * @param field the field path as the API server prints it, for example {@code .spec.replicas}
 *     or {@code .spec.template.spec.containers[name="web"].image}
 */
public record FieldConflict(String manager, String apiVersion, String field) {

    @Override
    public String toString() {
        return field + " (owned by \"" + manager + "\" using " + apiVersion + ")";
    }
}
