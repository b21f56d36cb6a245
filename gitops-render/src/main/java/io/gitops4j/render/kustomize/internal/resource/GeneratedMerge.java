package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Map;

/** How a generator's {@code merge} and {@code replace} behaviors combine with an existing object. */
final class GeneratedMerge {

    private GeneratedMerge() {
    }

    /**
     * Labels and annotations merged (the generated ones win); name, namespace and history from the
     * old object. A hash suffix is due only when both want one: an overlay's
     * {@code disableNameSuffixHash} drops the suffix of a hashed base, and an overlay without it
     * does not hash an unhashed base, as in Kustomize.
     */
    static void copyMetadata(Resource old, Resource generated) {
        ObjectNode target = KubernetesObjects.metadata(generated.object());
        mergeMap(old.object().path("metadata").path("labels"), target, "labels");
        mergeMap(old.object().path("metadata").path("annotations"), target, "annotations");
        target.put("name", old.name());
        if (old.namespace().isEmpty()) {
            target.remove("namespace");
        } else {
            target.put("namespace", old.namespace());
        }
        generated.copyHistoryFrom(old);
        generated.needsHashSuffix(old.needsHashSuffix() && generated.needsHashSuffix());
    }

    /** {@code data} and {@code binaryData} merged, the generated entries winning. */
    static void mergeData(Resource old, Resource generated) {
        for (String field : new String[] {"data", "binaryData"}) {
            JsonNode oldData = old.object().path(field);
            if (!oldData.isObject() || oldData.isEmpty()) {
                continue;
            }
            mergeMap(oldData, generated.object(), field);
        }
    }

    private static void mergeMap(JsonNode base, ObjectNode parent, String field) {
        if (!base.isObject() || base.isEmpty()) {
            return;
        }
        ObjectNode merged = ((ObjectNode) base).deepCopy();
        JsonNode overriding = parent.get(field);
        if (overriding instanceof ObjectNode over) {
            for (Map.Entry<String, JsonNode> entry : over.properties()) {
                merged.set(entry.getKey(), entry.getValue());
            }
        }
        parent.set(field, merged);
    }
}
