package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;

/**
 * Kustomize's {@code PrefixTransformer} ({@code namePrefix}): puts {@code prefix} before the
 * names at {@code fieldSpecs} (by default {@code metadata/name}), except in custom resource
 * definitions, API services and namespaces.
 *
 * @param prefix the prefix
 * @param fieldSpecs where names are ({@code namePrefix} of the transformer configuration)
 */
public record PrefixTransformer(String prefix, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        NameAffixes.apply(resources, prefix, "", fieldSpecs);
    }
}
