package io.gitops4j.core;

import java.time.Instant;

/**
 * One sync in an application's history, like an entry of Argo CD's {@code status.history}.
 *
 * @param id increasing per application, from 1
 * @param revision the commit SHA that was synced
 * @param startedAt when the sync started (from the injected clock)
 * @param succeeded whether every change was accepted
 * @param message the sync's one-line summary
 */
public record SyncRecord(long id, String revision, Instant startedAt, boolean succeeded, String message) {
}
