package io.gitops4j.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change seen by a {@link Cluster#watch watch}.
 *
 * @param type what happened
 * @param object the object after the change; for {@link Type#DELETED}, its last state with the
 *     resourceVersion of the deletion
 */
public record WatchEvent(Type type, ObjectNode object) {

    /** What happened to the object. */
    public enum Type {
        /** Created, or already there when a watch without resourceVersion started. */
        ADDED,
        /** Changed. */
        MODIFIED,
        /** Removed from the cluster. */
        DELETED
    }

    /**
     * Checks that no part is {@code null}.
     *
     * @param type what happened
     * @param object the object after the change
     * @throws IllegalArgumentException when a part is {@code null}
     */
    public WatchEvent {
        if (type == null || object == null) {
            throw new IllegalArgumentException("watch event type and object must not be null");
        }
    }
}
