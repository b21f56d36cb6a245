package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.gitops4j.diff.Yaml;
import io.gitops4j.render.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helm charts, templated in process by helm-java as {@code helm template} does: a chart directory
 * in the repository (with its vendored {@code charts/}), or a packaged chart from a chart
 * repository ({@link HelmChartRepository}). Hook resources keep their {@code helm.sh/hook}
 * annotations for the sync engine.
 *
 * <p>Each call templates a private copy of the chart ({@code ChartWorkspace}), so hooks and CRDs
 * come out as {@code helm template --include-crds} prints them although helm-java itself prints
 * neither. Value files must lie inside the repository. Inline values and string parameters are
 * written to temporary files that are removed afterwards. The native Helm library is the one jar pinned
 * by the build; it is never downloaded at run time. Calls into it are serialized; the instance is
 * thread-safe.
 */
public final class HelmRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(HelmRenderer.class);
    private static final String SKIP_REMOTE_NATIVE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";
    private static final Object NATIVE_LOCK = new Object();

    private HelmRenderer() {
    }

    /** A renderer; helm-java's download of native code for other platforms is switched off. */
    public static HelmRenderer create() {
        if (System.getProperty(SKIP_REMOTE_NATIVE_JAR) == null) {
            System.setProperty(SKIP_REMOTE_NATIVE_JAR, "true");
        }
        return new HelmRenderer();
    }

    /**
     * Templates the chart in a repository directory.
     *
     * @param repository the checked-out repository
     * @param chartPath the chart directory (holding {@code Chart.yaml}), relative to the root
     * @param options values and release settings; {@code releaseName} must be set
     * @throws HelmException naming the chart or values file at fault
     */
    public List<ObjectNode> render(RepositoryRoot repository, String chartPath, HelmOptions options) {
        Path chart = repository.resolve(chartPath);
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new HelmException("'" + chartPath + "' is not a Helm chart: it has no Chart.yaml");
        }
        return template(chart, options, chartPath, (prepared, file) ->
                resolveValueFile(repository, chart, chartPath, file, options.ignoreMissingValueFiles()));
    }

    /**
     * Templates a packaged chart (a {@code .tgz} fetched from a chart repository). Value files
     * are files inside the chart, as for Argo CD's chart sources.
     *
     * @param chartArchive the chart archive
     * @param options values and release settings; {@code releaseName} must be set
     */
    public List<ObjectNode> renderPackaged(Path chartArchive, HelmOptions options) {
        return template(chartArchive, options, chartArchive.getFileName().toString(), (chart, file) -> {
            Path candidate = chart.resolve(file).normalize();
            if (!candidate.startsWith(chart)) {
                throw new HelmException("values file '" + file + "' leaves the chart " + chartArchive.getFileName());
            }
            if (!Files.isRegularFile(candidate)) {
                if (options.ignoreMissingValueFiles()) {
                    return java.util.Optional.empty();
                }
                throw new HelmException("values file '" + file + "' does not exist in the chart "
                        + chartArchive.getFileName() + "; fix helm.valueFiles or set ignoreMissingValueFiles");
            }
            return java.util.Optional.of(candidate);
        });
    }

    /** Finds a values file given the prepared chart copy; empty to skip a missing file. */
    @FunctionalInterface
    private interface ValueFileResolver {
        java.util.Optional<Path> resolve(Path preparedChart, String file);
    }

    private List<ObjectNode> template(Path chart, HelmOptions options, String chartName, ValueFileResolver valueFiles) {
        if (options.releaseName().isEmpty()) {
            throw new HelmException("a release name is needed to template " + chartName);
        }
        if (!options.apiVersions().isEmpty()) {
            throw new HelmException("helm.apiVersions is not supported (helm-java cannot pass --api-versions); "
                    + "remove it from the source of " + chartName);
        }
        try (ChartWorkspace workspace = ChartWorkspace.prepare(chart)) {
            TemplateCommand command = new Helm(workspace.chart()).template().withName(options.releaseName());
            command.withNamespace(options.namespace().isEmpty() ? "default" : options.namespace());
            if (!options.kubeVersion().isEmpty()) {
                command.withKubeVersion(options.kubeVersion());
            }
            for (String file : options.valueFiles()) {
                valueFiles.resolve(workspace.chart(), file).ifPresent(command::withValuesFile);
            }
            inlineValues(options, workspace.scratch()).ifPresent(command::withValuesFile);
            List<HelmParameter> strings = options.parameters().stream().filter(HelmParameter::forceString).toList();
            if (!strings.isEmpty()) {
                command.withValuesFile(write(workspace.scratch().resolve("set-string.yaml"),
                        Yaml.write(SetStringValues.of(strings))));
            }
            options.parameters().stream().filter(p -> !p.forceString()).forEach(p -> command.set(p.name(), p.value()));
            String output;
            synchronized (NATIVE_LOCK) {
                output = command.call();
            }
            if (output == null) {
                output = "";
            }
            return HelmOutput.objects(output, options.skipCrds() ? List.of() : workspace.crdFiles(), chartName,
                    options.skipTests());
        } catch (IllegalStateException e) {
            throw new HelmException("helm template of " + chartName + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    private static java.util.Optional<Path> inlineValues(HelmOptions options, Path temporary) {
        if (options.valuesObject().isPresent()) {
            return java.util.Optional.of(write(temporary.resolve("values-object.yaml"), Yaml.write(options.valuesObject().get())));
        }
        if (!options.values().isBlank()) {
            return java.util.Optional.of(write(temporary.resolve("values.yaml"), options.values()));
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Path> resolveValueFile(RepositoryRoot repository, Path base, String baseName,
            String file, boolean ignoreMissing) {
        if (file.contains("://")) {
            throw new HelmException("values file '" + file + "' of " + baseName + " is a URL; only files in the "
                    + "repository are supported");
        }
        Path candidate = base.resolve(file).normalize();
        if (!candidate.startsWith(repository.path())) {
            throw new HelmException("values file '" + file + "' of " + baseName + " leaves the repository");
        }
        if (!Files.exists(candidate)) {
            if (ignoreMissing) {
                LOG.debug("values file {} of {} is missing; ignored (ignoreMissingValueFiles)", file, baseName);
                return java.util.Optional.empty();
            }
            throw new HelmException("values file '" + file + "' of " + baseName + " does not exist; fix "
                    + "helm.valueFiles or set ignoreMissingValueFiles");
        }
        repository.requireInside(candidate, repository.display(candidate));
        return java.util.Optional.of(candidate);
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
