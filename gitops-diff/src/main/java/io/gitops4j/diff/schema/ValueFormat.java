package io.gitops4j.diff.schema;

/** Scalar formats whose text has more than one spelling of the same value. */
public enum ValueFormat {
    /** Nothing special: values compare as JSON. */
    NONE,
    /** A resource quantity such as {@code 500m}, {@code 1Gi} or {@code 2}: compared by value. */
    QUANTITY,
    /** A number or a name ({@code targetPort}, {@code maxSurge}). */
    INT_OR_STRING
}
