package io.gitops4j.render;

/** How a source directory is turned into manifests, as Argo CD's application source types. */
public enum SourceType {
    /** Plain YAML and JSON files. */
    DIRECTORY,
    /** A kustomization, built in process. */
    KUSTOMIZE,
    /** A Helm chart, in the repository or from a chart repository. */
    HELM,
    /** A configured config management plugin. */
    PLUGIN
}
