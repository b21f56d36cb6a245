package io.gitops4j.diff.fields;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code metadata.managedFields}: which manager owns which fields, through which
 * operation and API version.
 *
 * @param manager the field manager name, for example {@code kubectl} or {@code argocd-controller}
 * @param operation {@code Apply} (server-side apply) or {@code Update} (any other write)
 * @param apiVersion the API version the fields are expressed in
 * @param subresource the subresource written ({@code status}, {@code scale}), or empty
 * @param fields the owned fields
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion, String subresource,
        FieldSet fields) {

    /** The {@code Apply} operation of server-side apply. */
    public static final String APPLY = "Apply";
    /** The {@code Update} operation of every other write. */
    public static final String UPDATE = "Update";

    /**
     * Whether this entry records a server-side apply.
     *
     * @return whether {@code operation} is {@code Apply}
     */
    public boolean isApply() {
        return APPLY.equals(operation);
    }

    /**
     * The entries of an object's {@code metadata.managedFields}, in their order; empty when there
     * are none.
     *
     *
     * @param object a Kubernetes object
     * @return the entries
     * @throws io.gitops4j.kube.GitOpsException when a {@code fieldsV1} is malformed
     */
    public static List<ManagedFieldsEntry> of(JsonNode object) {
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            entries.add(new ManagedFieldsEntry(
                    entry.path("manager").asText(""),
                    entry.path("operation").asText(""),
                    entry.path("apiVersion").asText(""),
                    entry.path("subresource").asText(""),
                    FieldSet.fromFieldsV1(entry.get("fieldsV1"))));
        }
        return entries;
    }
}
