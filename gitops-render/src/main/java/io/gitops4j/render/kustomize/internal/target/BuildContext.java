package io.gitops4j.render.kustomize.internal.target;

import io.gitops4j.render.kustomize.KustomizePlugins;
import io.gitops4j.render.kustomize.internal.patch.PatchSchema;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflater;
import io.gitops4j.render.source.RemoteSourceFetcher;
import java.util.Optional;

/**
 * What every kustomization of one build shares: how to fetch remote bases, how to inflate Helm
 * charts, and the default transformer configuration.
 *
 * @param remoteFetcher fetches remote bases; empty refuses them
 * @param helmCharts inflates {@code helmCharts}; empty refuses them
 * @param defaults the default transformer configuration (copied per kustomization)
 * @param rootOnly whether a kustomization reads only files in or below its directory
 * @param patchSchema the schema of the build's strategic merge patches, chosen by {@code openapi}
 *     fields as the build goes (one per build)
 * @param plugins whether and how external plugins run
 */
public record BuildContext(Optional<RemoteSourceFetcher> remoteFetcher, Optional<HelmChartInflater> helmCharts,
        TransformerConfig defaults, boolean rootOnly, PatchSchema patchSchema, KustomizePlugins plugins) {
}
