package io.gitops4j.cluster;

/** An open watch; closing it stops its events. */
public interface Watch extends AutoCloseable {

    /** Stops the watch. Idempotent. */
    @Override
    void close();
}
