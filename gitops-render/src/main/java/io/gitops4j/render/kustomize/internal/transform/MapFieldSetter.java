package io.gitops4j.render.kustomize.internal.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.List;
import java.util.Map;

/**
 * Sets key/value pairs in every mapping the field specs lead to: how the label and annotation
 * transformers work.
 */
final class MapFieldSetter {

    private MapFieldSetter() {
    }

    /** Puts {@code pairs} into the mappings at {@code specs} of every resource. */
    static void apply(ResMap resources, Map<String, String> pairs, List<FieldSpec> specs) {
        if (pairs.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            for (FieldSpec spec : specs) {
                FieldWalker.walk(resource.object(), spec, (parent, field) -> {
                    JsonNode existing = parent.get(field);
                    ObjectNode map = existing instanceof ObjectNode object ? object : parent.putObject(field);
                    pairs.forEach(map::put);
                });
            }
        }
    }
}
