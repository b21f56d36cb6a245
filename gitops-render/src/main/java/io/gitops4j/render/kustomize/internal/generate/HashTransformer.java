package io.gitops4j.render.kustomize.internal.generate;

import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;

/**
 * Kustomize's {@code HashTransformer}: appends the content hash ({@link ContentHash}) to the name
 * of every generated ConfigMap and Secret that wants one, remembering the name before so that
 * references follow. Runs once, at the end of the top kustomization's build.
 */
public record HashTransformer() implements Transformer {

    @Override
    public void transform(ResMap resources) {
        for (Resource resource : resources.resources()) {
            if (resource.needsHashSuffix()) {
                resource.rememberCurrentId();
                KubernetesObjects.metadata(resource.object()).put("name",
                        resource.name() + "-" + ContentHash.of(resource.object()));
            }
        }
    }
}
