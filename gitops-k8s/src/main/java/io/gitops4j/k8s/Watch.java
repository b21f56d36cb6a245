package io.gitops4j.k8s;

/** An open watch; closing it stops its events. */
public interface Watch extends AutoCloseable {

    /** Stops the watch. Idempotent. */
    @Override
    void close();
}
