package io.gitops4j.k8s.sync;

/** How a sync writes an object that exists (new objects are created either way). */
public enum ApplyStrategy {
    /**
     * Server-side apply as the engine's field manager: fields Git sets become the manager's, fields
     * it set before and Git no longer sets are removed. The default.
     */
    SERVER_SIDE,
    /**
     * {@code kubectl apply}: a three-way strategic merge patch between the
     * {@code kubectl.kubernetes.io/last-applied-configuration} annotation, Git and the live
     * object, and the annotation updated; Argo CD's default.
     */
    CLIENT_SIDE
}
