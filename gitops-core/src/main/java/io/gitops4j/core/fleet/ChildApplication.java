package io.gitops4j.core.fleet;

import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.k8s.health.Health;
import java.util.Objects;

/**
 * One child of an app-of-apps parent, as the parent sees it.
 *
 * @param name the child application
 * @param wave its {@code argocd.argoproj.io/sync-wave}
 * @param registered whether the engine runs it now
 * @param sync its sync status ({@code Unknown} while not registered)
 * @param health its health ({@code Missing} while not registered)
 * @param message why it is not registered or not what Git says, or empty: waiting for an earlier
 *     wave, removed from Git and waiting for a sync with prune, another owner's
 */
public record ChildApplication(String name, int wave, boolean registered, SyncStatusCode sync, Health health,
        String message) {

    /**
     * Requires the name, sync status and health; a missing message becomes empty.
     *
     * @param name the child application
     * @param wave its {@code argocd.argoproj.io/sync-wave}
     * @param registered whether the engine runs it now
     * @param sync its sync status ({@code Unknown} while not registered)
     * @param health its health ({@code Missing} while not registered)
     * @param message why it is not registered or not what Git says, or empty: waiting for an earlier wave,
     *     removed from Git and waiting for a sync with prune, another owner's
     */
    public ChildApplication {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(health, "health");
        message = message == null ? "" : message;
    }
}
