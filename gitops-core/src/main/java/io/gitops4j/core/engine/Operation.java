package io.gitops4j.core.engine;

import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.kube.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sync operation as Argo CD's {@code operation} field asks for one ({@code operation.sync},
 * {@code initiatedBy}, {@code retry}): what the application controller runs when an automated
 * sync, a manual sync or a rollback starts, and what {@link OperationState#operation()} reports.
 *
 * @param revision the revision to sync: a commit, branch or tag; empty for the source's
 *     {@code targetRevision} as it resolves when the operation starts
 * @param source the source to sync from; empty for the application's own (a rollback names the
 *     source it recorded in the history)
 * @param prune whether resources that left Git are deleted
 * @param allowEmpty whether a sync of an empty render may prune every resource
 * @param dryRun whether the operation only dry runs every change on the server
 * @param resources selective sync: only these resources, no hooks; empty for all. A selective sync
 *     is never recorded in the history
 * @param syncOptions Argo CD's sync options of this operation (the application's are added, these win)
 * @param initiatedBy who started it
 * @param retry how a failed operation is retried as a whole, after a backoff on the controller's
 *     clock (Argo CD's {@code operation.retry}); {@link RetryPolicy#NONE} for never
 * @param selfHealAttemptsCount for a self-heal, how many self-heals of its revision ran before it
 * @param strategy Argo CD's {@code syncStrategy}: hooks run ({@code hook}) or not ({@code apply}), and {@code force}
 * @param sources the sources to sync from, for an application of several ({@code sync.sources}); empty for the
 *     application's own (a rollback names the sources it recorded in the history)
 * @param revisions the revision of each source, by index ({@code sync.revisions}); empty for each source's
 *     {@code targetRevision}
 */
public record Operation(String revision, Optional<ApplicationSource> source, boolean prune, boolean allowEmpty,
        boolean dryRun,
        List<ResourceKey> resources, List<String> syncOptions, InitiatedBy initiatedBy, RetryPolicy retry,
        int selfHealAttemptsCount, SyncStrategy strategy, List<ApplicationSource> sources, List<String> revisions) {

    /**
     * Requires the source, initiator and retry policy, copies the lists and sorts the resources, so that
     * equal operations compare equal; a missing revision becomes empty.
     *
     * @param revision the revision to sync: a commit, branch or tag; empty for the source's {@code
     *     targetRevision} as it resolves when the operation starts
     * @param source the source to sync from; empty for the application's own (a rollback names the source
     *     it recorded in the history)
     * @param prune whether resources that left Git are deleted
     * @param allowEmpty whether a sync of an empty render may prune every resource
     * @param dryRun whether the operation only dry runs every change on the server
     * @param resources selective sync: only these resources, no hooks; empty for all. A selective sync is
     *     never recorded in the history
     * @param syncOptions Argo CD's sync options of this operation (the application's are added, these win)
     * @param initiatedBy who started it
     * @param retry how a failed operation is retried as a whole, after a backoff on the controller's clock
     *     (Argo CD's {@code operation.retry}); {@link RetryPolicy#NONE} for never
     * @param selfHealAttemptsCount for a self-heal, how many self-heals of its revision ran before it
     * @param strategy Argo CD's {@code syncStrategy}: hooks run ({@code hook}) or not ({@code apply}), and
     *     {@code force}
     * @param sources the sources to sync from, for an application of several; empty for the application's own
     * @param revisions the revision of each source, by index; empty for each source's {@code targetRevision}
     */
    public Operation {
        revision = revision == null ? "" : revision;
        Objects.requireNonNull(source, "source");
        resources = resources.stream().sorted().toList();
        syncOptions = List.copyOf(syncOptions);
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(strategy, "strategy");
        sources = List.copyOf(sources);
        revisions = List.copyOf(revisions);
        if (!revisions.isEmpty() && !sources.isEmpty() && revisions.size() != sources.size()) {
            throw new IllegalArgumentException("an operation with " + sources.size() + " sources needs as many "
                    + "revisions, not " + revisions.size());
        }
    }

    /**
     * An operation of the {@code hook} strategy on the application's own sources.
     *
     * @param revision the revision to sync, empty for the target revision
     * @param source the source to sync from; empty for the application's own
     * @param prune whether resources that left Git are deleted
     * @param allowEmpty whether a sync of an empty render may prune every resource
     * @param dryRun whether the operation only dry runs every change on the server
     * @param resources selective sync: only these resources, no hooks; empty for all
     * @param syncOptions Argo CD's sync options of this operation
     * @param initiatedBy who started it
     * @param retry how a failed operation is retried as a whole
     * @param selfHealAttemptsCount for a self-heal, how many self-heals of its revision ran before it
     */
    public Operation(String revision, Optional<ApplicationSource> source, boolean prune, boolean allowEmpty,
            boolean dryRun, List<ResourceKey> resources, List<String> syncOptions, InitiatedBy initiatedBy,
            RetryPolicy retry, int selfHealAttemptsCount) {
        this(revision, source, prune, allowEmpty, dryRun, resources, syncOptions, initiatedBy, retry,
                selfHealAttemptsCount, SyncStrategy.HOOK, List.of(), List.of());
    }

    /**
     * A manual sync: the request's prune, dry run, resources, sync options and retry policy.
     *
     * @param revision a commit, branch or tag to sync instead of the target revision; empty for it
     * @param request what to sync and how
     * @param initiatedBy who asked for the sync
     * @return the operation
     */
    public static Operation sync(String revision, SyncRequest request, InitiatedBy initiatedBy) {
        return new Operation(revision, Optional.empty(), request.prune(), request.allowEmpty(), request.dryRun(),
                List.copyOf(request.resources()), request.syncOptions().asList(), initiatedBy, request.retry(), 0,
                request.skipHooks() ? SyncStrategy.APPLY : SyncStrategy.HOOK, List.of(), List.of());
    }

    /**
     * {@return whether the operation syncs every resource (no selection) for real (no dry run): only those
     * enter the history}
     */
    public boolean isWholeSync() {
        return resources.isEmpty() && !dryRun;
    }

    /** {@return the sync request of this operation (its wave timeout the default)} */
    public SyncRequest request() {
        List<String> options = syncOptions;
        if (strategy.force()) {
            options = new ArrayList<>(syncOptions);
            options.add(SyncOption.FORCE.enabled());
        }
        return SyncRequest.builder().prune(prune).allowEmpty(allowEmpty).dryRun(dryRun).resources(Set.copyOf(resources))
                .skipHooks(strategy.apply()).syncOptions(options).retry(retry).build();
    }

    /**
     * The same operation at another revision.
     *
     * @param newRevision a commit, branch or tag; empty for the target revision
     * @return a copy of this operation at {@code newRevision}
     */
    public Operation withRevision(String newRevision) {
        return new Operation(newRevision, source, prune, allowEmpty, dryRun, resources, syncOptions, initiatedBy, retry,
                selfHealAttemptsCount, strategy, sources, revisions);
    }

    /**
     * The same operation with another sync strategy.
     *
     * @param newStrategy {@link SyncStrategy#HOOK}, {@link SyncStrategy#APPLY}, either with force
     * @return a copy of this operation with {@code newStrategy}
     */
    public Operation withStrategy(SyncStrategy newStrategy) {
        return new Operation(revision, source, prune, allowEmpty, dryRun, resources, syncOptions, initiatedBy, retry,
                selfHealAttemptsCount, newStrategy, sources, revisions);
    }

    /**
     * The same operation from other sources of an application of several, each at its revision.
     *
     * @param newSources the sources, empty for the application's own
     * @param newRevisions the revision of each source by index, empty for each one's {@code targetRevision}
     * @return a copy of this operation with the sources and revisions
     */
    public Operation withSources(List<ApplicationSource> newSources, List<String> newRevisions) {
        return new Operation(revision, source, prune, allowEmpty, dryRun, resources, syncOptions, initiatedBy, retry,
                selfHealAttemptsCount, strategy, newSources, newRevisions);
    }
}
