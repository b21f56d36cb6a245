package io.gitops4j.render.kustomize.internal.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import java.nio.file.Path;
import java.util.List;

/** Inflates one {@code helmCharts} entry of a kustomization into objects. */
@FunctionalInterface
public interface HelmChartInflater {

    /**
     * @param chart the {@code helmCharts} entry
     * @param globals the kustomization's {@code helmGlobals} (may be missing)
     * @param kustomizationDirectory the directory of the kustomization, where {@code chartHome} is
     * @param files reads value files under the root-only restriction
     */
    List<ObjectNode> inflate(JsonNode chart, JsonNode globals, Path kustomizationDirectory, KustomizationFiles files);
}
