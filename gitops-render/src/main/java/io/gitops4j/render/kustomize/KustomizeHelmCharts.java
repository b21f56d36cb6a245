package io.gitops4j.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import io.gitops4j.render.helm.HelmChartRepository;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflater;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kustomize's {@code helmCharts}, inflated with the Helm renderer: the chart is taken from
 * {@code <chartHome>/<name>} next to the kustomization (chartHome defaults to {@code charts}), or
 * fetched from {@code repo}; {@code valuesFile} and {@code valuesInline} combine as
 * {@code valuesMerge} says ({@code override}, the default, lets inline values win); CRDs only with
 * {@code includeCRDs}; hooks left out with {@code skipHooks}.
 */
final class KustomizeHelmCharts implements HelmChartInflater {

    private final HelmRenderer helm;
    private final HelmChartRepository repository;
    private final RepositoryRoot root;

    KustomizeHelmCharts(HelmRenderer helm, HelmChartRepository repository, RepositoryRoot root) {
        this.helm = helm;
        this.repository = repository;
        this.root = root;
    }

    @Override
    public List<ObjectNode> inflate(JsonNode chart, JsonNode globals, Path kustomizationDirectory, KustomizationFiles files) {
        String name = chart.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a helmCharts entry needs a name");
        }
        String version = chart.path("version").asText("");
        Path chartHome = kustomizationDirectory.resolve(globals.path("chartHome").asText("charts")).normalize();
        ObjectNode values = values(chart, files);
        List<String> additional = new ArrayList<>();
        chart.path("additionalValuesFiles").forEach(f -> additional.add(f.asText()));
        if (!additional.isEmpty()) {
            throw new IllegalArgumentException("helmCharts " + name + ": additionalValuesFiles are not supported; "
                    + "merge them into valuesFile or valuesInline");
        }
        if (chart.path("apiVersions").isArray() && !chart.path("apiVersions").isEmpty()) {
            throw new IllegalArgumentException("helmCharts " + name + ": apiVersions are not supported by helm-java");
        }
        HelmOptions options = new HelmOptions(List.of(), false, "", Optional.of(values), List.of(),
                chart.path("releaseName").asText("release-name"), chart.path("namespace").asText(""),
                chart.path("kubeVersion").asText(""), List.of(), !chart.path("includeCRDs").asBoolean(false),
                chart.path("skipTests").asBoolean(false));
        List<ObjectNode> objects = render(name, version, chart.path("repo").asText(""), chartHome, options);
        if (chart.path("skipHooks").asBoolean(false)) {
            objects.removeIf(o -> !KubernetesObjects.annotation(o, "helm.sh/hook").isEmpty());
        }
        return objects;
    }

    private List<ObjectNode> render(String name, String version, String repo, Path chartHome, HelmOptions options) {
        for (Path local : List.of(chartHome.resolve(name + "-" + version).resolve(name), chartHome.resolve(name))) {
            if (local.startsWith(root.path()) && Files.isRegularFile(local.resolve("Chart.yaml"))) {
                return new ArrayList<>(helm.render(root, root.display(local), options));
            }
        }
        if (repo.isEmpty()) {
            throw new IllegalArgumentException("helmCharts " + name + ": no chart at " + root.display(chartHome.resolve(name))
                    + " and no repo to fetch it from");
        }
        return new ArrayList<>(helm.renderPackaged(repository.fetch(repo, name, version), options));
    }

    private static ObjectNode values(JsonNode chart, KustomizationFiles files) {
        ObjectNode base = Yaml.readDocuments("{}", "values").get(0).body();
        String valuesFile = chart.path("valuesFile").asText("");
        if (!valuesFile.isEmpty()) {
            var documents = Yaml.readDocuments(files.readText(valuesFile), valuesFile);
            if (!documents.isEmpty()) {
                base = documents.get(0).body();
            }
        }
        JsonNode inline = chart.path("valuesInline");
        if (!(inline instanceof ObjectNode inlineValues)) {
            return base;
        }
        return switch (chart.path("valuesMerge").asText("override")) {
            case "replace" -> inlineValues.deepCopy();
            case "merge" -> merge(inlineValues.deepCopy(), base);
            default -> merge(base.deepCopy(), inlineValues);
        };
    }

    /** Deep-merges {@code top} into {@code bottom}; values of {@code top} win. */
    private static ObjectNode merge(ObjectNode bottom, ObjectNode top) {
        for (Map.Entry<String, JsonNode> entry : top.properties()) {
            JsonNode existing = bottom.get(entry.getKey());
            if (existing instanceof ObjectNode existingMap && entry.getValue() instanceof ObjectNode topMap) {
                merge(existingMap, topMap);
            } else {
                bottom.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return bottom;
    }
}
