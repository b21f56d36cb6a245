package io.gitops4j.cluster;

import java.util.Optional;

/**
 * Options of a deletion, as in the Kubernetes {@code DeleteOptions}.
 *
 * @param propagationPolicy what happens to dependents; empty for the server's default
 *     (Background, or Orphan when the object carries the {@code orphan} finalizer)
 * @param dryRun {@code dryRun=All}: answer as if deleting, change nothing
 * @param preconditionUid when not empty, delete only if the object has this uid (409 otherwise)
 * @param preconditionResourceVersion when not empty, delete only if the object is at this
 *     resourceVersion (409 otherwise)
 */
public record DeleteOptions(Optional<PropagationPolicy> propagationPolicy, boolean dryRun,
        String preconditionUid, String preconditionResourceVersion) {

    private static final DeleteOptions DEFAULTS = new DeleteOptions(Optional.empty(), false, "", "");

    /**
     * Checks that no part is {@code null}.
     *
     * @param propagationPolicy what happens to dependents; empty for the server's default
     * @param dryRun whether to only answer as if deleting
     * @param preconditionUid the uid the object must have, empty for any
     * @param preconditionResourceVersion the resourceVersion the object must be at, empty for any
     * @throws IllegalArgumentException when a part is {@code null}
     */
    public DeleteOptions {
        if (propagationPolicy == null || preconditionUid == null || preconditionResourceVersion == null) {
            throw new IllegalArgumentException("delete options must not be null (use Optional.empty() or \"\")");
        }
    }

    /**
     * The server's default propagation, no dry run, no preconditions.
     *
     * @return the default options
     */
    public static DeleteOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A deletion with this propagation policy.
     *
     * @param policy the propagation policy
     * @return the options
     */
    public static DeleteOptions propagation(PropagationPolicy policy) {
        return new DeleteOptions(Optional.of(policy), false, "", "");
    }

    /**
     * The same deletion as a dry run.
     *
     * @return a copy with {@code dryRun} set
     */
    public DeleteOptions asDryRun() {
        return new DeleteOptions(propagationPolicy, true, preconditionUid, preconditionResourceVersion);
    }

    /**
     * The same deletion, only if the object still has this uid.
     *
     * @param uid the uid the object must have
     * @return a copy with that precondition
     */
    public DeleteOptions withPreconditionUid(String uid) {
        return new DeleteOptions(propagationPolicy, dryRun, uid, preconditionResourceVersion);
    }

    /**
     * The same deletion, only if the object is still at this resourceVersion.
     *
     * @param resourceVersion the resourceVersion the object must be at
     * @return a copy with that precondition
     */
    public DeleteOptions withPreconditionResourceVersion(String resourceVersion) {
        return new DeleteOptions(propagationPolicy, dryRun, preconditionUid, resourceVersion);
    }
}
