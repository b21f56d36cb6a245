package io.gitops4j.core.model;

import io.gitops4j.kube.Redaction;
import io.gitops4j.render.HelmChartSource;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.kustomize.KustomizeOverrides;
import io.gitops4j.render.plugin.PluginSource;
import io.gitops4j.render.source.RenderException;
import java.util.Optional;

/**
 * Where an application's manifests come from, and how they are rendered: Argo CD's
 * {@code spec.source}.
 *
 * @param repoURL the repository: {@code https://...}, {@code ssh://...}, {@code file://...} or a
 *     local path; with {@code chart}, a Helm chart repository
 * @param targetRevision a branch, a tag, a commit SHA or {@code HEAD} (the default); with
 *     {@code chart}, the chart version
 * @param path the directory inside the repository; empty or {@code .} for the root
 * @param directory how a plain directory is read
 * @param chart the chart name when {@code repoURL} is a Helm chart repository; empty otherwise
 * @param kustomize Argo CD's {@code kustomize} options, when set
 * @param helm Argo CD's {@code helm} options, when set
 * @param plugin the config management plugin to use, when set
 * @param ref in an application with several sources ({@code spec.sources}), the name other
 *     sources use for this one's repository in Helm value files ({@code $ref/path/values.yaml});
 *     empty for none. Letters, digits, {@code _} and {@code -} only, as in Argo CD
 * @param name a name for the source in messages ({@code spec.sources[].name}); empty for none
 */
public record ApplicationSource(String repoURL, String targetRevision, String path, DirectoryOptions directory,
        String chart, Optional<KustomizeOverrides> kustomize, Optional<HelmOptions> helm, Optional<PluginSource> plugin,
        String ref, String name) {

    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("[a-zA-Z0-9_-]*");

    /**
     * Fills the defaults of what is missing: revision {@code HEAD}, the repository root, the directory
     * defaults, no chart, no options, no {@code ref} or name.
     *
     * @param repoURL the repository: {@code https://...}, {@code ssh://...}, {@code file://...} or a local
     *     path; with {@code chart}, a Helm chart repository
     * @param targetRevision a branch, a tag, a commit SHA or {@code HEAD} (the default); with {@code
     *     chart}, the chart version
     * @param path the directory inside the repository; empty or {@code .} for the root
     * @param directory how a plain directory is read
     * @param chart the chart name when {@code repoURL} is a Helm chart repository; empty otherwise
     * @param kustomize Argo CD's {@code kustomize} options, when set
     * @param helm Argo CD's {@code helm} options, when set
     * @param plugin the config management plugin to use, when set
     * @param ref in an application with several sources ({@code spec.sources}), the name other sources use
     *     for this one's repository in Helm value files ({@code $ref/path/values.yaml}); empty for none.
     *     Letters, digits, {@code _} and {@code -} only, as in Argo CD
     * @param name a name for the source in messages ({@code spec.sources[].name}); empty for none
     * @throws IllegalArgumentException when {@code repoURL} is blank or {@code ref} holds characters other
     *     than letters, digits, {@code _} and {@code -}
     */
    public ApplicationSource {
        if (repoURL == null || repoURL.isBlank()) {
            throw new IllegalArgumentException("an application source needs a repoURL");
        }
        targetRevision = targetRevision == null || targetRevision.isBlank() ? "HEAD" : targetRevision;
        path = path == null ? "" : path;
        directory = directory == null ? DirectoryOptions.defaults() : directory;
        chart = chart == null ? "" : chart;
        kustomize = kustomize == null ? Optional.empty() : kustomize;
        helm = helm == null ? Optional.empty() : helm;
        plugin = plugin == null ? Optional.empty() : plugin;
        ref = ref == null ? "" : ref;
        name = name == null ? "" : name;
        if (!REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("source ref '" + ref + "' may hold only letters, digits, '_' and '-'");
        }
    }

    /**
     * A source without {@code ref} and {@code name}.
     *
     * @param repoURL the repository: {@code https://...}, {@code ssh://...}, {@code file://...} or a local
     *     path; with {@code chart}, a Helm chart repository
     * @param targetRevision a branch, a tag, a commit SHA or {@code HEAD} (the default); with {@code
     *     chart}, the chart version
     * @param path the directory inside the repository; empty or {@code .} for the root
     * @param directory how a plain directory is read
     * @param chart the chart name when {@code repoURL} is a Helm chart repository; empty otherwise
     * @param kustomize Argo CD's {@code kustomize} options, when set
     * @param helm Argo CD's {@code helm} options, when set
     * @param plugin the config management plugin to use, when set
     */
    public ApplicationSource(String repoURL, String targetRevision, String path, DirectoryOptions directory,
            String chart, Optional<KustomizeOverrides> kustomize, Optional<HelmOptions> helm, Optional<PluginSource> plugin) {
        this(repoURL, targetRevision, path, directory, chart, kustomize, helm, plugin, "", "");
    }

    /**
     * A Git source with only directory options.
     *
     * @param repoURL the repository: {@code https://...}, {@code ssh://...}, {@code file://...} or a local
     *     path; with {@code chart}, a Helm chart repository
     * @param targetRevision a branch, a tag, a commit SHA or {@code HEAD} (the default); with {@code
     *     chart}, the chart version
     * @param path the directory inside the repository; empty or {@code .} for the root
     * @param directory how a plain directory is read
     */
    public ApplicationSource(String repoURL, String targetRevision, String path, DirectoryOptions directory) {
        this(repoURL, targetRevision, path, directory, "", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A source at {@code HEAD} of the repository root.
     *
     * @param repoURL the repository
     * @return a source of the repository's root at {@code HEAD}, read as plain YAML or as its {@code
     *     kustomization.yaml} or {@code Chart.yaml} says
     */
    public static ApplicationSource of(String repoURL) {
        return new ApplicationSource(repoURL, "HEAD", "", DirectoryOptions.defaults());
    }

    /**
     * The same source at another revision.
     *
     * @param revision a branch, tag, commit SHA or {@code HEAD}
     * @return a copy of this source at {@code revision}
     */
    public ApplicationSource withTargetRevision(String revision) {
        return new ApplicationSource(repoURL, revision, path, directory, chart, kustomize, helm, plugin, ref, name);
    }

    /**
     * The same source at another path.
     *
     * @param newPath the directory inside the repository
     * @return a copy of this source at {@code newPath}
     */
    public ApplicationSource withPath(String newPath) {
        return new ApplicationSource(repoURL, targetRevision, newPath, directory, chart, kustomize, helm, plugin, ref,
                name);
    }

    /**
     * The same source at another repository URL (the same repository with its credentials, say).
     *
     * @param newRepoURL the repository URL
     * @return a copy of this source with {@code newRepoURL}
     */
    public ApplicationSource withRepoURL(String newRepoURL) {
        return new ApplicationSource(newRepoURL, targetRevision, path, directory, chart, kustomize, helm, plugin, ref,
                name);
    }

    /**
     * The same source under a {@code ref} name other sources' Helm value files use ({@code $name/...}).
     *
     * @param newRef the ref name; letters, digits, {@code _} and {@code -}
     * @return a copy of this source named {@code newRef}
     */
    public ApplicationSource withRef(String newRef) {
        return new ApplicationSource(repoURL, targetRevision, path, directory, chart, kustomize, helm, plugin, newRef,
                name);
    }

    /**
     * {@return whether the source only lends its files to other sources' value files and renders nothing: a
     * {@code ref} with neither a {@code path} nor a {@code chart}, as Argo CD skips it}
     */
    public boolean isRefOnly() {
        return !ref.isEmpty() && path.isEmpty() && chart.isEmpty();
    }

    /** As a record prints itself, with the credentials of {@code repoURL} removed (see {@link Redaction}). */
    @Override
    public String toString() {
        return "ApplicationSource[repoURL=" + Redaction.url(repoURL) + ", targetRevision=" + targetRevision + ", path="
                + path + ", directory=" + directory + ", chart=" + chart + ", kustomize=" + kustomize + ", helm=" + helm
                + ", plugin=" + plugin + (ref.isEmpty() ? "" : ", ref=" + ref) + (name.isEmpty() ? "" : ", name=" + name)
                + "]";
    }

    /**
     * Whether the source is a chart in a Helm chart repository or OCI registry rather than a Git
     * repository: it names a {@code chart}, or its {@code repoURL} is {@code oci://REGISTRY/PATH/CHART}
     * (Argo CD's OCI source, whose {@code path} is {@code .} for a Helm chart).
     *
     * @return whether the source is a chart rather than a Git repository
     */
    public boolean isHelmChartRepository() {
        return !chart.isEmpty() || isOciSource();
    }

    /** {@code oci://REGISTRY/PATH/CHART} as the chart {@code CHART} of {@code oci://REGISTRY/PATH}. */
    private HelmChartSource ociChart(String version) {
        String trimmed = repoURL.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        if (slash < "oci://".length()) {
            throw new RenderException("repoURL " + Redaction.url(repoURL) + " names a registry but no chart in it; "
                    + "write oci://REGISTRY/PATH/CHART (or the chart's name as chart)");
        }
        return new HelmChartSource(trimmed.substring(0, slash), trimmed.substring(slash + 1), version);
    }

    /** An OCI source in Argo CD's form: {@code repoURL: oci://REGISTRY/PATH/CHART} and no {@code chart}. */
    private boolean isOciSource() {
        return chart.isEmpty() && repoURL.regionMatches(true, 0, "oci://", 0, "oci://".length());
    }

    /**
     * The rendering options in gitops-render's terms.
     *
     * @return the options
     * @throws RenderException naming the repoURL of an OCI source that names no repository
     */
    public SourceOptions renderOptions() {
        String version = "HEAD".equals(targetRevision) ? "" : targetRevision;
        Optional<HelmChartSource> chartSource = !isHelmChartRepository() ? Optional.empty()
                : Optional.of(isOciSource() ? ociChart(version) : new HelmChartSource(repoURL, chart, version));
        return new SourceOptions(directory.isZero() ? Optional.empty() : Optional.of(directory.toRenderOptions()),
                kustomize, helm, plugin, chartSource);
    }
}
