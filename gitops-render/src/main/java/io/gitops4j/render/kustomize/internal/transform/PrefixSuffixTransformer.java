package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;

/**
 * Kustomize's legacy {@code PrefixSuffixTransformer}, which only a plugin configuration names: a
 * {@link PrefixTransformer} and then a {@link SuffixTransformer} with the same field specs.
 *
 * @param prefix the prefix; empty for none
 * @param suffix the suffix; empty for none
 * @param fieldSpecs where names are
 */
public record PrefixSuffixTransformer(String prefix, String suffix, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        new PrefixTransformer(prefix, fieldSpecs).transform(resources);
        new SuffixTransformer(suffix, fieldSpecs).transform(resources);
    }
}
