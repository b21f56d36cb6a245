package io.gitops4j.render;

import io.gitops4j.render.kustomize.KustomizeRenderer;
import io.gitops4j.render.source.RenderException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the source type as Argo CD does: the options may force one; otherwise a directory with a
 * kustomization file is Kustomize (even when it also has a {@code Chart.yaml}), one with a
 * {@code Chart.yaml} is Helm, anything else plain manifests.
 */
public final class RendererSelection {

    private RendererSelection() {
    }

    /**
     * @param directory the directory to render
     * @param options the source options of the Application
     * @return the type the options set, or else the type the directory's content calls for
     * @throws RenderException when the options set more than one type
     */
    public static SourceType select(Path directory, SourceOptions options) {
        return options.explicitType().orElseGet(() -> detect(directory));
    }

    /**
     * The type the directory's content calls for.
     *
     * @param directory the directory to render
     * @return {@link SourceType#KUSTOMIZE} for a kustomization, {@link SourceType#HELM} for a chart
     *     ({@code Chart.yaml}), otherwise {@link SourceType#DIRECTORY}
     */
    public static SourceType detect(Path directory) {
        if (KustomizeRenderer.isKustomization(directory)) {
            return SourceType.KUSTOMIZE;
        }
        if (Files.isRegularFile(directory.resolve("Chart.yaml"))) {
            return SourceType.HELM;
        }
        return SourceType.DIRECTORY;
    }
}
