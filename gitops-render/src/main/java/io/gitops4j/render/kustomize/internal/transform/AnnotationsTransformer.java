package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's {@code AnnotationsTransformer} ({@code commonAnnotations}): sets
 * {@code annotations} in every mapping {@code fieldSpecs} lead to, creating those the specs say to.
 *
 * @param annotations the annotations, in order
 * @param fieldSpecs where they go
 */
public record AnnotationsTransformer(Map<String, String> annotations, List<FieldSpec> fieldSpecs)
        implements Transformer {

    @Override
    public void transform(ResMap resources) {
        MapFieldSetter.apply(resources, annotations, fieldSpecs);
    }
}
