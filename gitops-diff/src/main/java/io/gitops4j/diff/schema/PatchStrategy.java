package io.gitops4j.diff.schema;

/** Kubernetes' {@code x-kubernetes-patch-strategy} values. */
public enum PatchStrategy {
    /** Lists merge item by item (by merge key, or by value for scalars). */
    MERGE,
    /** The value is replaced whole by a patch. */
    REPLACE,
    /** A patch may carry {@code $retainKeys}: the keys of the object to keep, the rest cleared. */
    RETAIN_KEYS
}
