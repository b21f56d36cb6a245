package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.kube.Redaction;
import java.util.List;

/**
 * Puts the registered application's repository URL, credentials and all, back into a state read
 * from a store that keeps URLs without credentials: the last sync attempt then names the very
 * source automated sync compares with, and a rollback authenticates as the application does.
 */
final class SourceRebinding {

    private SourceRebinding() {
    }

    static StoredState rebind(StoredState stored, List<ApplicationSource> registered) {
        ApplicationStatus status = stored.status().withHistory(stored.status().history().stream()
                .map(h -> new RevisionHistory(h.id(), h.revision(), rebind(h.source(), registered), h.deployedAt(),
                        h.deployStartedAt(), h.initiatedBy(), h.revisions(), rebind(h.sources(), registered)))
                .toList());
        return new StoredState(status, stored.lastSyncAttempt().map(a -> new SyncAttempt(a.revision(),
                rebind(a.source(), registered), a.phase(), a.message(), a.finishedAt(), a.selfHealAttempts(),
                rebind(a.sources(), registered))));
    }

    private static List<ApplicationSource> rebind(List<ApplicationSource> stored, List<ApplicationSource> registered) {
        return stored.stream().map(s -> rebind(s, registered)).toList();
    }

    /** The stored source with the URL of the registered source it names without credentials, if any. */
    static ApplicationSource rebind(ApplicationSource stored, List<ApplicationSource> registered) {
        for (ApplicationSource source : registered) {
            if (!stored.repoURL().equals(source.repoURL()) && stored.repoURL().equals(Redaction.url(source.repoURL()))) {
                return stored.withRepoURL(source.repoURL());
            }
        }
        return stored;
    }
}
