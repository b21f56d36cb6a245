package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.render.kustomize.internal.generate.HashTransformer;
import io.gitops4j.render.kustomize.internal.model.Kustomization;
import io.gitops4j.render.kustomize.internal.model.KustomizationFailure;
import io.gitops4j.render.kustomize.internal.nameref.NameReferenceFixer;
import io.gitops4j.render.kustomize.internal.replace.Vars;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.sort.SortOrderTransformer;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One {@code kustomize build}: accumulates the kustomization tree, then, once for the whole
 * build, adds content-hash suffixes, fixes references to renamed objects, resolves vars, drops
 * local-only objects, sorts and applies {@code buildMetadata}, as Kustomize's
 * {@code makeCustomizedResMap} does.
 */
public final class KustomizeBuild {

    /** The version Kustomize writes into {@code app.kubernetes.io/managed-by} with {@code managedByLabel}. */
    public static final String MANAGED_BY = "kustomize-v5.7.1";

    /** Objects annotated {@code "true"} with it are configuration for the build and left out of its output. */
    private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

    private KustomizeBuild() {
    }

    /**
     * @param overrides edits to the top kustomization before the build (Argo CD's source options)
     * @throws KustomizationFailure naming the kustomization file whose content Kustomize fails on
     */
    public static List<ObjectNode> build(BuildContext context, RepositoryRoot repository, Path directory,
            UnaryOperator<Kustomization> overrides) {
        KustTarget top = KustTarget.load(context, repository, directory, List.of());
        Kustomization kustomization = overrides.apply(top.kustomization());
        top = top.with(kustomization);
        Accumulation acc = top.accumulate();
        ResMap resources = acc.resources();
        try {
            new HashTransformer().transform(resources);
            NameReferenceFixer.apply(resources, acc.config());
            Vars.resolve(resources, acc.vars(), acc.config().specs("varReference"));
            resources.removeIf(r -> "true".equals(KubernetesObjects.annotation(r.object(), LOCAL_CONFIG)));
            new SortOrderTransformer(kustomization.sortOptions()).transform(resources);
            BuildMetadata.apply(resources, kustomization.buildMetadata(), directory, kustomization.file());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new KustomizationFailure(kustomization.file(), e.getMessage(), e);
        }
        List<ObjectNode> objects = new ArrayList<>(resources.size());
        for (Resource resource : resources.resources()) {
            objects.add(resource.object());
        }
        return objects;
    }
}
