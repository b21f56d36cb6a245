package io.gitops4j.render.kustomize.internal.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.resource.ClusterScope;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;

/**
 * Kustomize's {@code NamespaceTransformer} ({@code namespace}): every namespaced object moves into
 * the namespace (cluster-scoped ones are left alone), a {@code Namespace} object is renamed to it,
 * the other places {@code fieldSpecs} name follow, and {@code default} ServiceAccount subjects of
 * role bindings move with it.
 *
 * @param namespace the namespace; empty changes nothing
 * @param fieldSpecs where namespaces are ({@code namespace} of the transformer configuration)
 */
public record NamespaceTransformer(String namespace, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        if (namespace.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            boolean clusterScoped = ClusterScope.isClusterScoped(resource.currentId());
            for (FieldSpec spec : fieldSpecs) {
                boolean identity = spec.path().equals("metadata/namespace") || spec.path().equals("metadata/name");
                if (spec.path().equals("metadata/namespace") && clusterScoped) {
                    continue;
                }
                FieldWalker.walk(resource.object(), spec, (parent, field) -> {
                    JsonNode current = parent.get(field);
                    if (current != null && current.isTextual() && current.asText().equals(namespace)) {
                        return;
                    }
                    if (identity) {
                        resource.rememberCurrentId();
                    }
                    parent.put(field, namespace);
                });
            }
            moveDefaultServiceAccountSubjects(resource);
        }
    }

    private void moveDefaultServiceAccountSubjects(Resource resource) {
        String kind = resource.kind();
        if (!kind.equals("RoleBinding") && !kind.equals("ClusterRoleBinding")) {
            return;
        }
        for (JsonNode subject : resource.object().path("subjects")) {
            if (subject instanceof ObjectNode s && s.path("name").asText().equals("default")) {
                s.put("namespace", namespace);
            }
        }
    }
}
