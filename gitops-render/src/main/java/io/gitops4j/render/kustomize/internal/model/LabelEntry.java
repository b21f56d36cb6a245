package io.gitops4j.render.kustomize.internal.model;

import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code labels}.
 *
 * @param pairs the labels
 * @param includeSelectors also set them in selectors (as {@code commonLabels} does)
 * @param includeTemplates also set them in pod templates
 * @param fields further places to set them
 */
public record LabelEntry(Map<String, String> pairs, boolean includeSelectors, boolean includeTemplates,
        List<FieldSpec> fields) {
}
