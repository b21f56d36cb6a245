package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.kube.Redaction;

/**
 * Puts the registered application's repository URL, credentials and all, back into a state read
 * from a store that keeps URLs without credentials: the last sync attempt then names the very
 * source automated sync compares with, and a rollback authenticates as the application does.
 */
final class SourceRebinding {

    private SourceRebinding() {
    }

    static StoredState rebind(StoredState stored, ApplicationSource registered) {
        ApplicationStatus status = stored.status().withHistory(stored.status().history().stream()
                .map(h -> new RevisionHistory(h.id(), h.revision(), rebind(h.source(), registered), h.deployedAt(),
                        h.deployStartedAt(), h.initiatedBy()))
                .toList());
        return new StoredState(status, stored.lastSyncAttempt().map(a -> new SyncAttempt(a.revision(),
                rebind(a.source(), registered), a.phase(), a.message(), a.finishedAt(), a.selfHealAttempts())));
    }

    static ApplicationSource rebind(ApplicationSource stored, ApplicationSource registered) {
        if (stored.repoURL().equals(registered.repoURL())
                || !stored.repoURL().equals(Redaction.url(registered.repoURL()))) {
            return stored;
        }
        return new ApplicationSource(registered.repoURL(), stored.targetRevision(), stored.path(), stored.directory(),
                stored.chart(), stored.kustomize(), stored.helm(), stored.plugin());
    }
}
