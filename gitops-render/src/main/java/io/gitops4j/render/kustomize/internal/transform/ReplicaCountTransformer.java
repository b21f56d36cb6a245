package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.List;

/**
 * {@code replicas}: sets the replica count of the workloads with the given (current or earlier)
 * name; a name that no scalable workload has is an error.
 */
public final class ReplicaTransformer {

    private ReplicaTransformer() {
    }

    public static void apply(ResMap resources, ReplicaEntry replica, List<FieldSpec> specs) {
        List<Resource> matches = resources.matchingAnyId(id -> id.name().equals(replica.name()));
        boolean applied = false;
        for (Resource resource : matches) {
            for (FieldSpec spec : specs) {
                if (spec.type().selects(io.gitops4j.render.kustomize.internal.resource.Gvk.of(resource.object()))) {
                    applied = true;
                    FieldWalker.walk(resource.object(), spec, (parent, field) -> parent.set(field, io.gitops4j.render.kustomize.internal.resource.Numbers.integer(replica.count())));
                }
            }
        }
        if (!applied) {
            throw new IllegalArgumentException("resource with name " + replica.name()
                    + " does not match a config with the following GVK " + kinds(specs));
        }
    }

    private static String kinds(List<FieldSpec> specs) {
        return specs.stream().map(s -> s.type().kind()).toList().toString();
    }
}
