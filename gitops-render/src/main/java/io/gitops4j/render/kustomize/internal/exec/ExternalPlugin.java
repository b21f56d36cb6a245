package io.gitops4j.render.kustomize.internal.exec;

import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Transformer;

/**
 * A plugin that is not one of Kustomize's built-ins, a program run per use: listed under
 * {@code generators} it generates, under {@code transformers} or {@code validators} it transforms.
 */
public interface ExternalPlugin extends Generator, Transformer {
}
