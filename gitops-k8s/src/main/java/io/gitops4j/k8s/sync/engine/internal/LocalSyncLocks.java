package io.gitops4j.k8s.sync.engine.internal;

import io.gitops4j.k8s.sync.SyncInProgressException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which applications have a sync running in this process, one engine's record: a second lock of
 * the same application is refused while the first is renewed. A hold not renewed for the expiry
 * (its operation was abandoned without completing) may be taken over, as an expired Lease is.
 * Not API. Thread-safe.
 */
public final class LocalSyncLocks {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSyncLocks.class);

    private final Map<String, Hold> held = new HashMap<>();

    /** One application's hold: who took it, when, and when it was last renewed. */
    public static final class Hold {
        private final String holder;
        private final Instant since;
        private Instant renewedAt;

        private Hold(String holder, Instant since) {
            this.holder = holder;
            this.since = since;
            this.renewedAt = since;
        }
    }

    /**
     * Takes the application's hold.
     *
     * @param holder who takes it, for the message a second sync gets
     * @param expiry how long a hold lasts without renewal
     * @throws SyncInProgressException when another hold of the application is alive
     */
    public synchronized Hold acquire(String appName, String holder, Instant now, Duration expiry) {
        Hold current = held.get(appName);
        if (current != null) {
            Instant expires = current.renewedAt.plus(expiry);
            if (now.isBefore(expires)) {
                throw new SyncInProgressException(appName, current.holder, current.since, "wait for it to end");
            }
            LOG.warn("{}: taking over the sync lock of {}, not renewed since {} (its operation was abandoned)",
                    appName, current.holder, current.renewedAt);
        }
        Hold hold = new Hold(holder, now);
        held.put(appName, hold);
        return hold;
    }

    /** Renews a hold; false when it was taken over meanwhile. */
    public synchronized boolean renew(String appName, Hold hold, Instant now) {
        if (held.get(appName) != hold) {
            return false;
        }
        hold.renewedAt = now;
        return true;
    }

    /** Gives a hold up; a hold taken over meanwhile is left to its new holder. */
    public synchronized void release(String appName, Hold hold) {
        held.remove(appName, hold);
    }
}
