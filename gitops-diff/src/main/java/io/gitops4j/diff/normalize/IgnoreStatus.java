package io.gitops4j.diff.normalize;

/**
 * Which objects' {@code status} the comparison ignores: Argo CD's
 * {@code resource.compareoptions.ignoreResourceStatusField} ({@code none}, {@code crd},
 * {@code all}).
 */
public enum IgnoreStatus {
    /** Status is compared like any other field (only where Git sets one). */
    NONE,
    /** The status of CustomResourceDefinition objects is ignored. */
    CRD,
    /** Status is ignored everywhere: the default. */
    ALL
}
