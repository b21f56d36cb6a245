package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.List;
import java.util.Set;

/**
 * What the prefix and suffix transformers share: names get the prefix and suffix, except for the
 * kinds whose names other systems depend on (custom resource definitions, API services,
 * namespaces); each resource remembers the affixes it was given and, when its own name changes,
 * its earlier id. References to the old names are fixed at the end of the build.
 */
final class NameAffixes {

    private static final Set<String> SKIPPED_KINDS = Set.of("CustomResourceDefinition", "Namespace");

    private NameAffixes() {
    }

    static void apply(ResMap resources, String prefix, String suffix, List<FieldSpec> specs) {
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            if (isSkipped(resource)) {
                continue;
            }
            resource.addAffixes(prefix, suffix);
            for (FieldSpec spec : specs) {
                FieldWalker.walkExisting(resource.object(), spec, (parent, field) -> {
                    if (!parent.path(field).isTextual()) {
                        return;
                    }
                    boolean identity = spec.path().equals("metadata/name");
                    if (identity) {
                        resource.rememberCurrentId();
                    }
                    parent.put(field, prefix + parent.get(field).asText() + suffix);
                });
            }
        }
    }

    private static boolean isSkipped(Resource resource) {
        if (SKIPPED_KINDS.contains(resource.kind())) {
            return true;
        }
        return resource.kind().equals("APIService") && resource.currentId().group().equals("apiregistration.k8s.io");
    }
}
