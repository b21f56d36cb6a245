package io.gitops4j.core.engine;

import io.gitops4j.k8s.health.Health;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to an application, told to every {@link ApplicationListener} once.
 *
 * @param type what happened
 * @param appName the application
 * @param revision the commit concerned (compared, synced), or empty when none is known
 * @param summary one line for a log or a chat message, as Argo CD words its events
 *     ({@code Sync operation to 1a2b3c4 succeeded})
 * @param oldHealth for {@link Type#HEALTH_CHANGED}: the health before
 * @param newHealth for {@link Type#HEALTH_CHANGED}: the health now
 * @param at when, on the controller's clock
 */
public record ApplicationEvent(Type type, String appName, String revision, String summary,
        Optional<Health> oldHealth, Optional<Health> newHealth, Instant at) {

    /** The kinds of event. */
    public enum Type {
        /** The application's sync status became OutOfSync. */
        OUT_OF_SYNC,
        /** A sync operation (automated, manual, a rollback or a dry run) started. */
        SYNC_STARTED,
        /** A sync operation succeeded. */
        SYNC_SUCCEEDED,
        /** A sync operation failed or ended in error, retries spent, or was terminated. */
        SYNC_FAILED,
        /** The application's health status changed. */
        HEALTH_CHANGED,
        /** The application was deleted (its resources first, with cascade). */
        DELETED
    }

    /**
     * Requires every field but {@code revision} and {@code summary}, which become empty when missing.
     *
     * @param type what happened
     * @param appName the application
     * @param revision the commit concerned (compared, synced), or empty when none is known
     * @param summary one line for a log or a chat message, as Argo CD words its events ({@code Sync
     *     operation to 1a2b3c4 succeeded})
     * @param oldHealth for {@link Type#HEALTH_CHANGED}: the health before
     * @param newHealth for {@link Type#HEALTH_CHANGED}: the health now
     * @param at when, on the controller's clock
     */
    public ApplicationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(appName, "appName");
        revision = revision == null ? "" : revision;
        summary = summary == null ? "" : summary;
        Objects.requireNonNull(oldHealth, "oldHealth");
        Objects.requireNonNull(newHealth, "newHealth");
        Objects.requireNonNull(at, "at");
    }

    /** {@code appName TYPE: summary}. */
    @Override
    public String toString() {
        return appName + " " + type + ": " + summary;
    }
}
