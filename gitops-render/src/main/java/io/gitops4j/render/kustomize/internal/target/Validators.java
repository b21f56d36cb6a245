package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a kustomization's {@code validators} as Kustomize does: each is a transformer run over
 * the accumulated resources after the transformers, which must leave them as they were apart from
 * a {@code validated-by} label it may add (the label stays in the output).
 */
final class Validators {

    /** The label a validator may add, as Kustomize's {@code konfig.ValidatedByLabelKey}. */
    private static final String VALIDATED_BY = "validated-by";

    private Validators() {
    }

    /**
     * @throws IllegalArgumentException when the validator fails or changed a resource
     */
    static void run(Transformer validator, ResMap resources) {
        List<ObjectNode> before = copies(resources, false);
        validator.transform(resources);
        List<ObjectNode> after = copies(resources, true);
        String change = difference(before, after);
        if (!change.isEmpty()) {
            throw new IllegalArgumentException("validator " + validator.kind() + " shouldn't modify the resource map: "
                    + change);
        }
    }

    private static List<ObjectNode> copies(ResMap resources, boolean withoutValidatedBy) {
        List<ObjectNode> copies = new ArrayList<>();
        for (Resource resource : resources.resources()) {
            ObjectNode copy = resource.object().deepCopy();
            if (withoutValidatedBy && copy.path("metadata").path("labels") instanceof ObjectNode labels
                    && labels.remove(VALIDATED_BY) != null && labels.isEmpty()) {
                ((ObjectNode) copy.get("metadata")).remove("labels");
            }
            copies.add(copy);
        }
        return copies;
    }

    private static String difference(List<ObjectNode> before, List<ObjectNode> after) {
        if (before.size() != after.size()) {
            return "it returned " + after.size() + " resources instead of " + before.size();
        }
        for (ObjectNode original : before) {
            ResId id = ResId.of(original);
            List<ObjectNode> matches = after.stream().filter(o -> ResId.of(o).sameAs(id)).toList();
            if (matches.isEmpty()) {
                return "resource " + id + " is missing from its output";
            }
            if (!matches.get(0).equals(original)) {
                return "it changed resource " + id;
            }
        }
        return "";
    }
}
