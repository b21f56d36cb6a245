package io.gitops4j.render.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.helm.HelmChartRepository;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflater;
import io.gitops4j.render.kustomize.internal.model.KustomizationFailure;
import io.gitops4j.render.kustomize.internal.patch.PatchSchema;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import io.gitops4j.render.kustomize.internal.target.BuildContext;
import io.gitops4j.render.kustomize.internal.target.KustomizationFile;
import io.gitops4j.render.kustomize.internal.target.KustomizeBuild;
import io.gitops4j.render.source.RemoteSourceFetcher;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Kustomize, in process: renders a directory holding a {@code kustomization.yaml} as
 * {@code kubectl kustomize} (Kustomize v5.7) does, same objects in the same order.
 *
 * <pre>{@code
 * List<ObjectNode> objects = KustomizeRenderer.create().render(RepositoryRoot.of(repo), "overlays/prod");
 * }</pre>
 *
 * <p>Files are loaded under Kustomize's root-only restriction (unless {@link #loadRestrictor}
 * says otherwise) and never from outside the repository. External plugins (programs a kustomization
 * names) run only when {@link #plugins} enables them. Remote bases need a {@link RemoteSourceFetcher} and {@code helmCharts} a Helm
 * inflater; without them they are refused with a clear error. Immutable and thread-safe.
 */
public final class KustomizeRenderer {

    private static final TransformerConfig DEFAULTS = TransformerConfig.defaults();

    private final Optional<RemoteSourceFetcher> remoteFetcher;
    private final Optional<HelmCharts> helmCharts;
    private final KustomizeOverrides overrides;
    private final LoadRestrictor loadRestrictor;
    private final KustomizePlugins plugins;

    /** The Helm renderer and chart repository that inflate {@code helmCharts}. */
    private record HelmCharts(HelmRenderer helm, HelmChartRepository repository) {
    }

    private KustomizeRenderer(Optional<RemoteSourceFetcher> remoteFetcher, Optional<HelmCharts> helmCharts,
            KustomizeOverrides overrides, LoadRestrictor loadRestrictor, KustomizePlugins plugins) {
        this.plugins = plugins;
        this.remoteFetcher = remoteFetcher;
        this.helmCharts = helmCharts;
        this.overrides = overrides;
        this.loadRestrictor = loadRestrictor;
    }

    /**
     * A renderer without remote bases, Helm charts or overrides, under the root-only load restriction.
     *
     * @return the renderer
     */
    public static KustomizeRenderer create() {
        return new KustomizeRenderer(Optional.empty(), Optional.empty(), KustomizeOverrides.NONE,
                LoadRestrictor.ROOT_ONLY, KustomizePlugins.DISABLED);
    }

    /**
     * The same renderer with remote bases fetched through {@code fetcher}.
     *
     * @param fetcher fetches a remote base's repository at its ref
     * @return the new renderer
     */
    public KustomizeRenderer remoteBases(RemoteSourceFetcher fetcher) {
        return new KustomizeRenderer(Optional.of(fetcher), helmCharts, overrides, loadRestrictor, plugins);
    }

    /**
     * The same renderer with Argo CD-style edits to the top kustomization.
     *
     * @param value the name prefix and suffix, namespace, images, replicas and other overrides
     * @return the new renderer
     */
    public KustomizeRenderer overrides(KustomizeOverrides value) {
        return new KustomizeRenderer(remoteFetcher, helmCharts, value, loadRestrictor, plugins);
    }

    /**
     * The same renderer with {@code helmCharts} inflated (Argo CD's {@code --enable-helm}): charts
     * under the kustomization's chart home, or fetched from their {@code repo}.
     *
     * @param helm templates the charts
     * @param repository fetches charts named with a {@code repo}
     * @return the new renderer
     */
    public KustomizeRenderer helmCharts(HelmRenderer helm, HelmChartRepository repository) {
        return new KustomizeRenderer(remoteFetcher, Optional.of(new HelmCharts(helm, repository)), overrides,
                loadRestrictor, plugins);
    }

    /**
     * The same renderer under another load restriction ({@code --load-restrictor}, which Argo CD
     * users set in {@code kustomize.buildOptions}); files outside the repository stay refused.
     *
     * @param value the load restriction
     * @return the new renderer
     */
    public KustomizeRenderer loadRestrictor(LoadRestrictor value) {
        return new KustomizeRenderer(remoteFetcher, helmCharts, overrides, value, plugins);
    }

    /**
     * The same renderer with external plugins allowed as {@code value} says (Kustomize's
     * {@code --enable-alpha-plugins} and {@code --enable-exec}; off by default).
     *
     * @param value what may run, the plugin home and the limits
     * @return the new renderer
     */
    public KustomizeRenderer plugins(KustomizePlugins value) {
        return new KustomizeRenderer(remoteFetcher, helmCharts, overrides, loadRestrictor,
                java.util.Objects.requireNonNull(value, "value"));
    }

    /**
     * Whether a directory holds a kustomization file ({@code kustomization.yaml}, {@code .yml} or {@code Kustomization}).
     *
     * @param directory the directory
     * @return whether one of the file names is there
     */
    public static boolean isKustomization(Path directory) {
        return KustomizationFile.existsIn(directory);
    }

    /**
     * Builds the kustomization at {@code path}.
     *
     * @param repository the checked-out repository
     * @param path the kustomization's directory, relative to the repository root
     * @return the objects, in Kustomize's output order; the caller owns them
     * @throws KustomizeException naming the kustomization file where Kustomize fails
     * @throws RenderException when the path is missing or leaves the repository
     */
    public List<ObjectNode> render(RepositoryRoot repository, String path) {
        Path directory = repository.resolve(path);
        if (!Files.isDirectory(directory)) {
            throw new RenderException("path '" + path + "' is a file; a kustomization path must be a directory");
        }
        Optional<HelmChartInflater> inflater = helmCharts.map(h -> new KustomizeHelmCharts(h.helm(), h.repository(), repository));
        BuildContext context = new BuildContext(remoteFetcher, inflater, DEFAULTS,
                loadRestrictor == LoadRestrictor.ROOT_ONLY, new PatchSchema(), plugins);
        try {
            return KustomizeBuild.build(context, repository, directory, k -> OverrideEdits.apply(k, overrides));
        } catch (KustomizationFailure e) {
            throw new KustomizeException(e.file(), e.problem(), e);
        }
    }
}
