package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.GitOps;
import io.gitops4j.render.kustomize.KustomizeBuildOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Argo CD's {@code kustomize.buildOptions} of {@code argocd-cm}: the flags Argo CD passes to
 * {@code kustomize build} for every Application, applied to the in-process Kustomize
 * ({@code --enable-alpha-plugins}, {@code --enable-exec}, {@code --enable-helm},
 * {@code --load-restrictor}; see {@link KustomizeBuildOptions}). External plugins stay off unless
 * the ConfigMap turns them on, as in Argo CD.
 *
 * <pre>{@code
 * KustomizeBuildSettings kustomize = KustomizeBuildSettings.fromCluster(cluster, "argocd");
 * GitOps gitops = kustomize.applyTo(GitOps.builder().cluster(cluster).workDir(dir)).build();
 * }</pre>
 *
 * @param buildOptions the flags, as written in the ConfigMap; empty when not set
 */
public record KustomizeBuildSettings(String buildOptions) {

    /** The key in {@code argocd-cm}. */
    public static final String KEY = "kustomize.buildOptions";

    /**
     * Checks the flags.
     *
     * @param buildOptions the flags, as written in the ConfigMap; empty when not set
     * @throws ArgoCdSettingsException naming the key when a flag is not supported or malformed
     */
    public KustomizeBuildSettings {
        Objects.requireNonNull(buildOptions, "buildOptions");
        buildOptions = buildOptions.strip();
        try {
            KustomizeBuildOptions.parse(buildOptions);
        } catch (IllegalArgumentException e) {
            throw new ArgoCdSettingsException("argocd-cm " + e.getMessage()
                    + "; remove the flag or render these applications with a config management plugin", e);
        }
    }

    /**
     * The setting in an {@code argocd-cm} ConfigMap's {@code data}.
     *
     * @param argocdCm the ConfigMap's data
     * @return the setting; no flags when the key is absent
     */
    public static KustomizeBuildSettings fromData(Map<String, String> argocdCm) {
        return new KustomizeBuildSettings(argocdCm.getOrDefault(KEY, ""));
    }

    /**
     * The setting of the {@code argocd-cm} ConfigMap in {@code namespace}.
     *
     * @param cluster the cluster holding Argo CD's settings
     * @param namespace Argo CD's namespace
     * @return the setting; no flags when the ConfigMap or the key is absent
     */
    public static KustomizeBuildSettings fromCluster(Cluster cluster, String namespace) {
        Optional<? extends JsonNode> cm = cluster.get(BuiltInResourceTypes.CONFIG_MAP, namespace, "argocd-cm");
        return cm.map(c -> fromData(KubernetesData.configMap(c, "ConfigMap " + KubernetesData.describe(c))))
                .orElseGet(() -> new KustomizeBuildSettings(""));
    }

    /**
     * Passes the flags to the renderer GitOps builds ({@code Renderer.Builder.kustomizeBuildOptions}).
     *
     * @param builder the builder
     * @return {@code builder}
     */
    public GitOps.Builder applyTo(GitOps.Builder builder) {
        if (!buildOptions.isEmpty()) {
            builder.renderer(r -> r.kustomizeBuildOptions(buildOptions));
        }
        return builder;
    }
}
