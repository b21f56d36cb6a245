package io.gitops4j.k8s.sync.engine.internal;

import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.ClusterException;

/**
 * Which cluster failures may go away on their own: a lost connection, a stale object (409, but
 * not a server-side apply field conflict, which the same apply meets again), throttling (429)
 * and server errors (5xx). Invalid objects (422), bad requests, refusals and missing types do not.
 */
final class Transience {

    private Transience() {
    }

    static boolean isTransient(ClusterException e) {
        int code = e.code();
        if (e instanceof ApplyConflictException) {
            return false;
        }
        return code == ClusterException.UNREACHABLE || code == 409 || code == 429 || code >= 500;
    }
}
