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
 * {@code valuesMerge} says ({@code override}, the default, lets inline values win), and the
 * {@code additionalValuesFiles} (relative to the kustomization) over them, in order, as Helm's
 * later {@code -f} files; {@code nameTemplate} names the release when it is literal text; CRDs only with
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
        for (JsonNode file : chart.path("additionalValuesFiles")) {
            values = merge(values, valuesFile(file.asText(), files));
        }
        if (chart.path("apiVersions").isArray() && !chart.path("apiVersions").isEmpty()) {
            throw new IllegalArgumentException("helmCharts " + name + ": apiVersions are not supported (helm-java "
                    + "cannot pass --api-versions); remove them or render the chart with kubectl kustomize");
        }
        HelmOptions options = new HelmOptions(List.of(), false, "", Optional.of(values), List.of(),
                releaseName(name, chart), chart.path("namespace").asText(""),
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

    /**
     * The release name: {@code releaseName}, else {@code nameTemplate} as Helm's
     * {@code --name-template} makes it (only literal templates; Go template actions cannot be run
     * here), else {@code release-name}. Both at once is Helm's error.
     */
    private static String releaseName(String name, JsonNode chart) {
        String releaseName = chart.path("releaseName").asText("");
        String nameTemplate = chart.path("nameTemplate").asText("");
        if (nameTemplate.isEmpty()) {
            return releaseName.isEmpty() ? "release-name" : releaseName;
        }
        if (!releaseName.isEmpty()) {
            throw new IllegalArgumentException("helmCharts " + name + ": cannot set nameTemplate and also releaseName "
                    + "(Helm refuses --name-template with a release name); keep one");
        }
        if (nameTemplate.contains("{{")) {
            throw new IllegalArgumentException("helmCharts " + name + ": nameTemplate '" + nameTemplate + "' uses "
                    + "template actions, which are not supported; set releaseName instead");
        }
        return nameTemplate;
    }

    /** An {@code additionalValuesFiles} entry, relative to the kustomization; Helm applies it after the values. */
    private static ObjectNode valuesFile(String path, KustomizationFiles files) {
        var documents = Yaml.readDocuments(files.readText(path), path);
        return documents.isEmpty() ? Yaml.readDocuments("{}", path).get(0).body() : documents.get(0).body();
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
