package io.gitops4j.render.kustomize.internal.transform;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's {@code LabelTransformer} ({@code commonLabels} and each {@code labels} entry): sets
 * {@code labels} in every mapping {@code fieldSpecs} lead to, creating those the specs say to.
 *
 * @param labels the labels, in order
 * @param fieldSpecs where they go
 */
public record LabelTransformer(Map<String, String> labels, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        if (!labels.isEmpty()) {
            MapFieldSetter.apply(resources, labels, fieldSpecs);
        }
    }
}
