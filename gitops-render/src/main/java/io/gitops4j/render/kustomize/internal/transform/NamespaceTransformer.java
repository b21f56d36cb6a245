package io.gitops4j.render.kustomize.internal.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.render.kustomize.internal.resource.ClusterScope;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.Arrays;
import java.util.List;

/**
 * Kustomize's {@code NamespaceTransformer} ({@code namespace}): every namespaced object moves into
 * the namespace (cluster-scoped ones are left alone, whatever the field specs say), a
 * {@code v1 Namespace} is renamed to it, the other places {@code fieldSpecs} name follow, and
 * subjects of role bindings move as {@code setRoleBindingSubjects} says.
 *
 * @param namespace the namespace; empty changes nothing
 * @param fieldSpecs where else namespaces are ({@code namespace} of the transformer configuration)
 * @param unsetOnly set only namespaces that are missing or empty
 * @param setRoleBindingSubjects which subjects of role bindings get the namespace
 */
public record NamespaceTransformer(String namespace, List<FieldSpec> fieldSpecs, boolean unsetOnly,
        RoleBindingSubjects setRoleBindingSubjects) implements Transformer {

    private static final String METADATA_NAMESPACE = "metadata/namespace";
    private static final String METADATA_NAME = "metadata/name";
    private static final String SUBJECTS_NAMESPACE = "subjects/namespace";
    /** Where every namespaced object's namespace is, whatever the field specs say. */
    private static final FieldSpec OBJECT_NAMESPACE = new FieldSpec(Gvk.ANY, METADATA_NAMESPACE, true);

    /** Which subjects of RoleBindings and ClusterRoleBindings get the namespace. */
    public enum RoleBindingSubjects {
        /** Subjects named {@code default} (Kustomize's default). */
        DEFAULT_ONLY("defaultOnly"),
        /** Every subject of kind {@code ServiceAccount}. */
        ALL_SERVICE_ACCOUNTS("allServiceAccounts"),
        /** None. */
        NONE("none");

        private final String value;

        RoleBindingSubjects(String value) {
            this.value = value;
        }

        /**
         * Reads the plugin configuration's value; empty means {@link #DEFAULT_ONLY}.
         *
         * @throws IllegalArgumentException with Kustomize's wording for another value
         */
        public static RoleBindingSubjects parse(String value) {
            if (value.isEmpty()) {
                return DEFAULT_ONLY;
            }
            return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("invalid value \"" + value
                            + "\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" or "
                            + "\"allServiceAccounts\""));
        }
    }

    /** The transformer of a kustomization's {@code namespace} field. */
    public NamespaceTransformer(String namespace, List<FieldSpec> fieldSpecs) {
        this(namespace, fieldSpecs, false, RoleBindingSubjects.DEFAULT_ONLY);
    }

    @Override
    public void transform(ResMap resources) {
        if (namespace.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            // As Kustomize, every object remembers its id here, cluster-scoped ones too: a reference
            // to it by that name then finds it among equally named objects of other bases.
            resource.rememberCurrentId();
            if (!ClusterScope.isClusterScoped(resource.currentId())) {
                FieldWalker.walk(resource.object(), OBJECT_NAMESPACE,
                        (parent, field) -> set(resource, parent, field, true));
            }
            boolean roleBinding = resource.kind().equals("RoleBinding") || resource.kind().equals("ClusterRoleBinding");
            if (roleBinding) {
                setSubjects(resource.object());
            }
            boolean v1 = resource.object().path("apiVersion").asText("").equals("v1");
            for (FieldSpec spec : fieldSpecs) {
                if (spec.path().equals(METADATA_NAMESPACE) || spec.path().equals(METADATA_NAME) && !v1
                        || roleBinding && spec.path().equals(SUBJECTS_NAMESPACE)) {
                    continue;
                }
                boolean identity = spec.path().equals(METADATA_NAME);
                FieldWalker.walk(resource.object(), spec, (parent, field) -> set(resource, parent, field, identity));
            }
        }
    }

    private void set(Resource resource, ObjectNode parent, String field, boolean identity) {
        JsonNode current = parent.get(field);
        boolean same = current != null && current.isTextual() && current.asText().equals(namespace);
        if (same || unsetOnly && !isUnset(current)) {
            return;
        }
        if (identity) {
            resource.rememberCurrentId();
        }
        parent.put(field, namespace);
    }

    /** Missing, null or empty: what {@code unsetOnly} sets. */
    private static boolean isUnset(JsonNode value) {
        return YamlFields.isAbsent(value) || value.isTextual() && value.asText().isEmpty();
    }

    private void setSubjects(ObjectNode binding) {
        for (JsonNode subject : binding.path("subjects")) {
            if (!(subject instanceof ObjectNode s)) {
                continue;
            }
            boolean selected = switch (setRoleBindingSubjects) {
                case DEFAULT_ONLY -> s.path("name").asText().equals("default");
                case ALL_SERVICE_ACCOUNTS -> s.path("kind").asText().equals("ServiceAccount");
                case NONE -> false;
            };
            if (selected && (!unsetOnly || isUnset(s.get("namespace")))) {
                s.put("namespace", namespace);
            }
        }
    }
}
