package io.gitops4j.diff.schema;

/**
 * How the items of a list are identified when lists are merged or their fields owned, as in
 * Kubernetes' {@code x-kubernetes-list-type}. When the schema does not say, a list with the
 * {@code merge} patch strategy is a {@link #MAP} keyed by its patch merge key (or a {@link #SET}
 * of scalars without one), and any other list is {@link #ATOMIC}: the server-side-apply rules.
 */
public enum ListType {
    /** The list is one value: replaced whole, owned whole. */
    ATOMIC,
    /** A list of distinct scalars, merged by value. */
    SET,
    /** A list of objects identified by the values of their key fields. */
    MAP
}
