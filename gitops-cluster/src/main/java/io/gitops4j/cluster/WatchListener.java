package io.gitops4j.cluster;

/**
 * Receives the events of a {@link Cluster#watch watch}, one at a time and in the order of their
 * resourceVersions.
 */
public interface WatchListener {

    /**
     * One change.
     *
     * @param event the change
     */
    void onEvent(WatchEvent event);

    /**
     * The cluster ended the watch: the connection dropped, the watch timed out, or the
     * resourceVersion it started from is too old (410, {@code Expired}). Not called when the
     * watch is closed by its owner. To go on, watch again from the last resourceVersion seen.
     *
     * @param reason why the watch ended; {@link ClusterException#code()} is 410 for an expired
     *     resourceVersion
     */
    default void onClose(ClusterException reason) {
    }
}
