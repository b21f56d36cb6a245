package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.Numbers;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;

/**
 * Kustomize's {@code ReplicaCountTransformer} (each {@code replicas} entry): sets the replica
 * count of the workloads with the given (current or earlier) name; a name that no workload of the
 * kinds {@code fieldSpecs} name has is an error.
 *
 * @param replica the workload name and its count
 * @param fieldSpecs where counts are ({@code replicas} of the transformer configuration)
 */
public record ReplicaCountTransformer(ReplicaEntry replica, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        List<Resource> matches = resources.matchingAnyId(id -> id.name().equals(replica.name()));
        boolean applied = false;
        for (Resource resource : matches) {
            for (FieldSpec spec : fieldSpecs) {
                if (spec.type().selects(Gvk.of(resource.object()))) {
                    applied = true;
                    FieldWalker.walk(resource.object(), spec,
                            (parent, field) -> parent.set(field, Numbers.integer(replica.count())));
                }
            }
        }
        if (!applied) {
            throw new IllegalArgumentException("resource with name " + replica.name()
                    + " does not match a config with the following GVK " + kinds());
        }
    }

    private String kinds() {
        return fieldSpecs.stream().map(s -> s.type().kind()).toList().toString();
    }
}
