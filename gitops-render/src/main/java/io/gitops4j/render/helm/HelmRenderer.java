package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import io.gitops4j.render.source.Utf8Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helm charts, templated as {@code helm template} does: a chart directory in the repository (with
 * its vendored {@code charts/}), or a packaged chart from a chart repository
 * ({@link HelmChartRepository}). Hook resources keep their {@code helm.sh/hook} annotations for the
 * sync engine.
 *
 * <p>Each call templates a private copy of the chart ({@code ChartWorkspace}), so hooks and CRDs
 * come out as {@code helm template --include-crds} prints them although helm-java itself prints
 * neither. The copy is made through {@link RepositoryRoot}: files and symbolic links that lead
 * outside the repository are refused, and packaged charts are unpacked within the
 * {@link HelmLimits}. Value files must lie inside the repository (or the packaged chart) and be
 * UTF-8; they are copied into the workspace with the inline values and string parameters, and the
 * workspace is removed afterwards.
 *
 * <p>Templating never contacts a cluster or the network: Helm runs in a worker process of its own
 * ({@code HelmProcess}) whose environment points {@code lookup} at an empty, local API, so
 * {@code lookup} returns the empty map {@code helm template} returns whatever this process's
 * {@code KUBECONFIG} says. Dependencies missing from {@code charts/} are copied from the repository
 * ({@code file://}) or, when the renderer was given a {@link HelmChartRepository}, downloaded from
 * their chart repository or OCI registry into its cache, as Argo CD's {@code helm dependency build}
 * gets them; without one such a dependency is an error.
 * The native Helm library is the one jar pinned by the build, never downloaded at run time.
 * Calls are serialized per renderer; the instance is thread-safe. {@link #close()} stops the
 * worker; an unreachable renderer stops it as well.
 */
public final class HelmRenderer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HelmRenderer.class);
    private static final Cleaner CLEANER = Cleaner.create();
    /** The helm-java version whose limits messages name. */
    private static final String HELM_JAVA = "0.0.21";

    private final HelmLimits limits;
    private final Path temporary;
    private final HelmProcess process;
    private final Cleaner.Cleanable cleanable;

    private final Optional<HelmChartRepository> downloads;

    private HelmRenderer(HelmLimits limits, Path temporary, Optional<HelmChartRepository> downloads) {
        this.limits = limits;
        this.temporary = temporary;
        this.downloads = downloads;
        this.process = new HelmProcess(limits, temporary);
        this.cleanable = CLEANER.register(this, process::close);
    }

    /**
     * A renderer with the default {@link HelmLimits}.
     *
     * @return the renderer
     */
    public static HelmRenderer create() {
        return builder().build();
    }

    /**
     * Starts configuring a renderer.
     *
     * @return a builder with the default limits and the system's temporary directory
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The limits this renderer applies.
     *
     * @return the limits
     */
    public HelmLimits limits() {
        return limits;
    }

    /**
     * Templates the chart in a repository directory.
     *
     *
     * @param repository the checked-out repository
     * @param chartPath the chart directory (holding {@code Chart.yaml}), relative to the root
     * @param options values and release settings; {@code releaseName} must be set
     * @return the rendered objects, in the order Helm writes them
     * @throws HelmException naming the chart, file or values file at fault, or the limit exceeded
     */
    public List<ObjectNode> render(RepositoryRoot repository, String chartPath, HelmOptions options) {
        return render(repository, chartPath, options, Map.of());
    }

    /**
     * Templates the chart in a repository directory, with value files from other sources'
     * repositories as well: {@code $name/path/values.yaml} is {@code path/values.yaml} inside the
     * repository referenced as {@code name}, resolved there and never outside it (Argo CD's
     * {@code ref} sources).
     *
     * @param repository the checked-out repository holding the chart
     * @param chartPath the chart's directory, relative to the repository root
     * @param options values and release settings
     * @param references the referenced repositories by {@code ref} name, without the {@code $}
     * @return the rendered objects, in the order Helm writes them
     * @throws HelmException as {@link #render(RepositoryRoot, String, HelmOptions)}, or naming a
     *     {@code $name} that no source has, or a value file that leaves its repository
     */
    public List<ObjectNode> render(RepositoryRoot repository, String chartPath, HelmOptions options,
            Map<String, RepositoryRoot> references) {
        requireSupported(options, chartPath);
        Path chart = repository.resolve(chartPath);
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new HelmException("'" + chartPath + "' is not a Helm chart: it has no Chart.yaml");
        }
        try (ChartWorkspace workspace = guarded(() -> ChartWorkspace.fromRepository(repository, chart, limits, temporary,
                downloads, options.passCredentials()))) {
            List<Path> valueFiles = new ArrayList<>();
            for (String file : options.valueFiles()) {
                Optional<String> content = ReferencedValues.isReference(file, references)
                        ? ReferencedValues.read(file, chartPath, references, options.ignoreMissingValueFiles())
                        : repositoryValues(repository, chart, chartPath, file, options.ignoreMissingValueFiles());
                content.ifPresent(text -> valueFiles.add(workspace.valuesFile(text)));
            }
            return template(workspace, options, chartPath, valueFiles);
        }
    }

    /**
     * Templates a packaged chart (a {@code .tgz} fetched from a chart repository). Value files
     * are files inside the chart, as for Argo CD's chart sources.
     *
     * @param chartArchive the chart archive
     * @param options values and release settings; {@code releaseName} must be set
     * @return the rendered objects, in the order Helm writes them
     * @throws HelmException naming the chart, entry or values file at fault, or the limit exceeded
     */
    public List<ObjectNode> renderPackaged(Path chartArchive, HelmOptions options) {
        return renderPackaged(chartArchive, options, Map.of());
    }

    /**
     * Templates a packaged chart, with value files from other sources' repositories as well
     * ({@code $name/path/values.yaml}, as {@link #render(RepositoryRoot, String, HelmOptions, Map)}).
     *
     * @param chartArchive the chart archive
     * @param options values and release settings; {@code releaseName} must be set
     * @param references the referenced repositories by {@code ref} name, without the {@code $}
     * @return the rendered objects, in the order Helm writes them
     * @throws HelmException naming the chart, entry or values file at fault, a {@code $name} no
     *     source has, or a value file that leaves its repository
     */
    public List<ObjectNode> renderPackaged(Path chartArchive, HelmOptions options, Map<String, RepositoryRoot> references) {
        String chartName = chartArchive.getFileName().toString();
        requireSupported(options, chartName);
        try (ChartWorkspace workspace = ChartWorkspace.fromArchive(chartArchive, limits, temporary, downloads,
                options.passCredentials())) {
            List<Path> valueFiles = new ArrayList<>();
            for (String file : options.valueFiles()) {
                Optional<String> content = ReferencedValues.isReference(file, references)
                        ? ReferencedValues.read(file, chartName, references, options.ignoreMissingValueFiles())
                        : packagedValues(workspace.chart(), chartName, file, options.ignoreMissingValueFiles());
                content.ifPresent(text -> valueFiles.add(workspace.valuesFile(text)));
            }
            return template(workspace, options, chartName, valueFiles);
        }
    }

    /** Stops the Helm worker process; later renders are refused. */
    @Override
    public void close() {
        cleanable.clean();
    }

    private static void requireSupported(HelmOptions options, String chartName) {
        if (options.releaseName().isEmpty()) {
            throw new HelmException("a release name is needed to template " + chartName);
        }
        if (!options.apiVersions().isEmpty()) {
            throw new HelmException("helm.apiVersions " + options.apiVersions() + " of " + chartName + " cannot be "
                    + "applied: helm-java " + HELM_JAVA + " passes no API versions to Helm (its template options have no "
                    + "--api-versions, and its native template always runs client-only, where .Capabilities.APIVersions "
                    + "is Helm's built-in set); remove apiVersions from the source, or render the chart with a config "
                    + "management plugin running helm template --api-versions");
        }
    }

    private List<ObjectNode> template(ChartWorkspace workspace, HelmOptions options, String chartName,
            List<Path> valueFiles) {
        List<String> files = new ArrayList<>();
        valueFiles.forEach(file -> files.add(file.toString()));
        inlineValues(options).ifPresent(content -> files.add(workspace.valuesFile(content).toString()));
        List<HelmParameter> strings = options.parameters().stream().filter(HelmParameter::forceString).toList();
        if (!strings.isEmpty()) {
            files.add(workspace.valuesFile(Yaml.write(SetStringValues.of(strings))).toString());
        }
        Map<String, String> values = new LinkedHashMap<>();
        options.parameters().stream().filter(p -> !p.forceString()).forEach(p -> values.put(p.name(), p.value()));
        TemplateCall call = new TemplateCall(workspace.chart().toString(), options.releaseName(),
                options.namespace().isEmpty() ? "default" : options.namespace(),
                options.kubeVersion().isEmpty() ? HelmOptions.DEFAULT_KUBE_VERSION : options.kubeVersion(), files, values,
                limits.maxOutputBytes());
        String output = process.template(call, chartName);
        return HelmOutput.objects(output, options.skipCrds() ? List.of() : workspace.crdFiles(), chartName,
                options.skipTests());
    }

    private static Optional<String> inlineValues(HelmOptions options) {
        if (options.valuesObject().isPresent()) {
            return Optional.of(Yaml.write(options.valuesObject().get()));
        }
        if (!options.values().isBlank()) {
            return Optional.of(options.values());
        }
        return Optional.empty();
    }

    private static Optional<String> repositoryValues(RepositoryRoot repository, Path base, String baseName,
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
                return Optional.empty();
            }
            throw new HelmException("values file '" + file + "' of " + baseName + " does not exist; fix "
                    + "helm.valueFiles or set ignoreMissingValueFiles");
        }
        return Optional.of(guarded(() -> repository.readText(candidate, repository.display(candidate))));
    }

    private static Optional<String> packagedValues(Path chart, String chartName, String file, boolean ignoreMissing) {
        Path candidate = chart.resolve(file).normalize();
        if (!candidate.startsWith(chart)) {
            throw new HelmException("values file '" + file + "' leaves the chart " + chartName);
        }
        if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            if (ignoreMissing) {
                return Optional.empty();
            }
            throw new HelmException("values file '" + file + "' does not exist in the chart " + chartName
                    + "; fix helm.valueFiles or set ignoreMissingValueFiles");
        }
        try {
            return Optional.of(guarded(() -> Utf8Text.decode(Files.readAllBytes(candidate), chartName + "/" + file)));
        } catch (UncheckedIOException e) {
            throw new HelmException("cannot read values file '" + file + "' of " + chartName + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    /** Work whose repository or encoding errors become {@link HelmException}s. */
    private interface Guarded<T> {
        T get() throws IOException;
    }

    private static <T> T guarded(Guarded<T> work) {
        try {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (HelmException e) {
            throw e;
        } catch (RenderException e) {
            throw new HelmException(e.getMessage(), e);
        }
    }

    /** Configures a {@link HelmRenderer}. */
    public static final class Builder {
        private HelmLimits limits = HelmLimits.DEFAULTS;
        private Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        private Optional<HelmChartRepository> downloads = Optional.empty();

        private Builder() {
        }

        /**
         * Where chart dependencies missing from a chart's {@code charts/} are downloaded from when
         * their {@code repository} is an {@code https://} chart repository or an {@code oci://}
         * registry, as Argo CD's {@code helm dependency build} downloads them (default: none, and
         * such a dependency is an error). Downloads go into the repository client's cache, never into
         * the checked-out repository.
         *
         * @param repository the chart repository client (its cache, limits, deadline and registry logins)
         * @return this builder
         */
        public Builder chartRepository(HelmChartRepository repository) {
            this.downloads = Optional.of(Objects.requireNonNull(repository, "repository"));
            return this;
        }

        /**
         * Where the private copy of each chart is made and removed again, and the Helm worker
         * process keeps its files (default: the system's temporary directory); it needs room for a
         * chart's {@link HelmLimits#maxChartBytes()} and, while the worker runs, Helm's native
         * library (about 100 MB).
         *
         * @param directory the directory; it must exist
         * @return this builder
         */
        public Builder temporaryDirectory(Path directory) {
            this.temporary = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The limits for charts and templating (default {@link HelmLimits#DEFAULTS}).
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(HelmLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * A renderer with these settings.
         *
         * @return the renderer
         */
        public HelmRenderer build() {
            return new HelmRenderer(limits, temporary, downloads);
        }
    }
}
