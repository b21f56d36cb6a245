package io.gitops4j.render;

import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.kustomize.KustomizeOverrides;
import io.gitops4j.render.plugin.PluginSource;
import io.gitops4j.render.source.RenderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a source is rendered, as Argo CD's {@code spec.source} says it: at most one of
 * {@code directory}, {@code kustomize}, {@code helm} and {@code plugin} forces the source type;
 * without any, the directory's content decides ({@link RendererSelection#select}). A {@code chart} means a
 * chart from a Helm chart repository.
 *
 * @param directory the {@code directory} options, when given
 * @param kustomize the {@code kustomize} options, when given
 * @param helm the {@code helm} options, when given
 * @param plugin the {@code plugin} options, when given
 * @param chart a chart from a chart repository, when the source is one
 */
public record SourceOptions(Optional<DirectorySource> directory, Optional<KustomizeOverrides> kustomize,
        Optional<HelmOptions> helm, Optional<PluginSource> plugin, Optional<HelmChartSource> chart) {

    /** No options: the directory's content decides. */
    public static final SourceOptions AUTO = new SourceOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /**
     * Reads a missing part as empty.
     *
     * @param directory the {@code directory} options, when given
     * @param kustomize the {@code kustomize} options, when given
     * @param helm the {@code helm} options, when given
     * @param plugin the {@code plugin} options, when given
     * @param chart a chart from a chart repository, when the source is one
     */
    public SourceOptions {
        directory = directory == null ? Optional.empty() : directory;
        kustomize = kustomize == null ? Optional.empty() : kustomize;
        helm = helm == null ? Optional.empty() : helm;
        plugin = plugin == null ? Optional.empty() : plugin;
        chart = chart == null ? Optional.empty() : chart;
    }

    /**
     * Options that only set {@code directory}.
     *
     * @param options the directory options
     * @return the options
     */
    public static SourceOptions directory(DirectorySource options) {
        return new SourceOptions(Optional.of(options), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Options that only set {@code kustomize}.
     *
     * @param options the Kustomize overrides
     * @return the options
     */
    public static SourceOptions kustomize(KustomizeOverrides options) {
        return new SourceOptions(Optional.empty(), Optional.of(options), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Options that only set {@code helm}.
     *
     * @param options the Helm options
     * @return the options
     */
    public static SourceOptions helm(HelmOptions options) {
        return new SourceOptions(Optional.empty(), Optional.empty(), Optional.of(options), Optional.empty(), Optional.empty());
    }

    /**
     * Options that only set {@code plugin}.
     *
     * @param options the plugin source
     * @return the options
     */
    public static SourceOptions plugin(PluginSource options) {
        return new SourceOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(options), Optional.empty());
    }

    /**
     * The source type the options force, if any.
     *
     *
     * @return the type, or empty to choose by the directory's content
     * @throws RenderException when more than one type is set, as Argo CD refuses it
     */
    public Optional<SourceType> explicitType() {
        List<SourceType> types = new ArrayList<>();
        directory.ifPresent(d -> types.add(SourceType.DIRECTORY));
        kustomize.ifPresent(k -> types.add(SourceType.KUSTOMIZE));
        if (helm.isPresent() || chart.isPresent()) {
            types.add(SourceType.HELM);
        }
        plugin.ifPresent(p -> types.add(SourceType.PLUGIN));
        if (types.size() > 1) {
            throw new RenderException("multiple source types set (" + types.stream().map(t -> t.name().toLowerCase(
                    Locale.ROOT)).toList() + "); an application source may set only one of directory, "
                    + "kustomize, helm and plugin");
        }
        return types.stream().findFirst();
    }
}
