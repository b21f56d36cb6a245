package io.gitops4j.render;

import io.gitops4j.render.source.ReferencedSource;
import io.gitops4j.render.source.RepositoryRoot;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing to render: a path in a checked-out repository, how to render it, and the
 * application it is for (release names, namespaces and plugin environments come from it).
 *
 * @param repository the checked-out repository (for chart sources, any directory: value files
 *     then come from the chart)
 * @param path the source directory, relative to the repository root
 * @param options the source options
 * @param appName the application name (Helm's default release name)
 * @param namespace the destination namespace (Helm's release namespace)
 * @param repoURL the source repository, for plugins' {@code ARGOCD_APP_SOURCE_REPO_URL}
 * @param targetRevision the revision asked for, for {@code ARGOCD_APP_SOURCE_TARGET_REVISION}
 * @param revision the resolved commit; rendering is cached by it, and not at all when empty
 * @param references the repositories of other sources, by their {@code ref} name (without the
 *     {@code $}), that Helm value files may name as {@code $name/path} (Argo CD's multiple
 *     sources); empty for none
 * @param kubeVersion the destination cluster's Kubernetes version ({@code 1.31}), which Helm
 *     templates see as {@code .Capabilities.KubeVersion} unless the source's {@code helm.kubeVersion}
 *     says otherwise, as Argo CD passes the cluster's version; empty for Helm's own default
 */
public record RenderRequest(RepositoryRoot repository, String path, SourceOptions options, String appName,
        String namespace, String repoURL, String targetRevision, String revision, Map<String, ReferencedSource> references,
        String kubeVersion) {

    /**
     * Checks that a repository is given.
     *
     * @param repository the checked-out repository (for chart sources, any directory: value files then come
     *     from the chart)
     * @param path the source directory, relative to the repository root
     * @param options the source options
     * @param appName the application name (Helm's default release name)
     * @param namespace the destination namespace (Helm's release namespace)
     * @param repoURL the source repository, for plugins' {@code ARGOCD_APP_SOURCE_REPO_URL}
     * @param targetRevision the revision asked for, for {@code ARGOCD_APP_SOURCE_TARGET_REVISION}
     * @param revision the resolved commit; rendering is cached by it, and not at all when empty
     * @param references the repositories of other sources by {@code ref} name; empty for none
     * @param kubeVersion the destination cluster's Kubernetes version; empty for Helm's default
     * @throws IllegalArgumentException when {@code repository} is {@code null}
     */
    public RenderRequest {
        if (repository == null) {
            throw new IllegalArgumentException("a render request needs a repository");
        }
        path = path == null ? "" : path;
        options = options == null ? SourceOptions.AUTO : options;
        appName = appName == null ? "" : appName;
        namespace = namespace == null ? "" : namespace;
        repoURL = repoURL == null ? "" : repoURL;
        targetRevision = targetRevision == null ? "" : targetRevision;
        revision = revision == null ? "" : revision;
        references = references == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(references));
        kubeVersion = kubeVersion == null ? "" : kubeVersion;
    }

    /**
     * A request without a cluster version.
     *
     * @param repository the checked-out repository
     * @param path the source directory, relative to the repository root
     * @param options the source options
     * @param appName the application name (Helm's default release name)
     * @param namespace the destination namespace (Helm's release namespace)
     * @param repoURL the source repository, for plugins' {@code ARGOCD_APP_SOURCE_REPO_URL}
     * @param targetRevision the revision asked for, for {@code ARGOCD_APP_SOURCE_TARGET_REVISION}
     * @param revision the resolved commit; rendering is cached by it, and not at all when empty
     * @param references the repositories of other sources by {@code ref} name; empty for none
     */
    public RenderRequest(RepositoryRoot repository, String path, SourceOptions options, String appName,
            String namespace, String repoURL, String targetRevision, String revision,
            Map<String, ReferencedSource> references) {
        this(repository, path, options, appName, namespace, repoURL, targetRevision, revision, references, "");
    }

    /**
     * A request without referenced sources or a cluster version.
     *
     * @param repository the checked-out repository
     * @param path the source directory, relative to the repository root
     * @param options the source options
     * @param appName the application name (Helm's default release name)
     * @param namespace the destination namespace (Helm's release namespace)
     * @param repoURL the source repository, for plugins' {@code ARGOCD_APP_SOURCE_REPO_URL}
     * @param targetRevision the revision asked for, for {@code ARGOCD_APP_SOURCE_TARGET_REVISION}
     * @param revision the resolved commit; rendering is cached by it, and not at all when empty
     */
    public RenderRequest(RepositoryRoot repository, String path, SourceOptions options, String appName,
            String namespace, String repoURL, String targetRevision, String revision) {
        this(repository, path, options, appName, namespace, repoURL, targetRevision, revision, Map.of(), "");
    }

    /**
     * A request for a local directory with automatic type selection, no application and no caching.
     *
     * @param repository the checked-out repository
     * @param path the directory to render, relative to the repository root
     * @return the request
     */
    public static RenderRequest of(RepositoryRoot repository, String path) {
        return new RenderRequest(repository, path, SourceOptions.AUTO, "", "", "", "", "");
    }

    /** Argo CD's build environment for plugins. */
    Map<String, String> argoEnvironment() {
        Map<String, String> env = new TreeMap<>();
        env.put("ARGOCD_APP_NAME", appName);
        env.put("ARGOCD_APP_NAMESPACE", namespace);
        env.put("ARGOCD_APP_REVISION", revision);
        env.put("ARGOCD_APP_REVISION_SHORT", revision.substring(0, Math.min(7, revision.length())));
        env.put("ARGOCD_APP_SOURCE_PATH", path);
        env.put("ARGOCD_APP_SOURCE_REPO_URL", repoURL);
        env.put("ARGOCD_APP_SOURCE_TARGET_REVISION", targetRevision);
        return env;
    }
}
