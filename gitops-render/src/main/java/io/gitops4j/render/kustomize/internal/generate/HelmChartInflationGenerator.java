package io.gitops4j.render.kustomize.internal.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.nio.file.Path;

/**
 * Kustomize's {@code HelmChartInflationGenerator} (each {@code helmCharts} entry): the objects a
 * Helm chart renders into, through the renderer's {@link HelmChartInflater}.
 *
 * @param chart the {@code helmCharts} entry
 * @param globals the kustomization's {@code helmGlobals} (may be missing)
 * @param kustomizationDirectory the directory of the kustomization, where {@code chartHome} is
 * @param files reads value files under the root-only restriction
 * @param inflater renders the chart
 * @param origin where the generator is configured, for {@code originAnnotations}
 */
public record HelmChartInflationGenerator(JsonNode chart, JsonNode globals, Path kustomizationDirectory,
        KustomizationFiles files, HelmChartInflater inflater, Origin origin) implements Generator {

    @Override
    public ResMap generate() {
        ResMap generated = new ResMap();
        for (ObjectNode object : inflater.inflate(chart, globals, kustomizationDirectory, files)) {
            generated.append(new Resource(object, origin));
        }
        return generated;
    }
}
