package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;

/**
 * Kustomize's {@code SuffixTransformer} ({@code nameSuffix}): puts {@code suffix} after the names
 * at {@code fieldSpecs} (by default {@code metadata/name}), except in custom resource definitions,
 * API services and namespaces.
 *
 * @param suffix the suffix
 * @param fieldSpecs where names are ({@code nameSuffix} of the transformer configuration)
 */
public record SuffixTransformer(String suffix, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        NameAffixes.apply(resources, "", suffix, fieldSpecs);
    }
}
