package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.k8s.sync.PruneOption;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.kube.KubernetesObjects;

/**
 * Deletes a live object that left Git, unless pruning is off, the object says
 * {@code Prune=false} (or {@code Prune=confirm}), or Git holds nothing at all and empty syncs are
 * not allowed. Deletion uses the {@code PrunePropagationPolicy} (foreground by default, as in
 * Argo CD; any other value fails the sync when it is planned) and the uid of the object the comparison saw as a precondition, so an object
 * re-created since with the same name is never deleted.
 */
final class Pruner {

    /** What pruning did. */
    record Pruned(ResourceAction action, String message) {
    }

    private final Cluster cluster;

    Pruner(Cluster cluster) {
        this.cluster = cluster;
    }

    Pruned prune(SyncTask task, SyncRequest request, boolean gitIsEmpty, boolean dryRun) {
        if (!request.prune()) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED, "ignored (requires pruning)");
        }
        PruneOption option = task.options().prune();
        if (option == PruneOption.DISABLED) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED, "ignored (no prune: " + SyncOption.PRUNE.disabled() + ")");
        }
        if (option == PruneOption.CONFIRM) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED, "ignored (" + SyncOption.PRUNE.withValue("confirm")
                    + ": GitOps4J does not ask for confirmation; delete it by hand)");
        }
        if (gitIsEmpty && !request.allowEmpty()) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED, "not pruned: Git holds no objects for this application "
                    + "(hooks aside); set allowEmpty to prune everything");
        }
        if (task.live().isEmpty()) {
            // Gone since it was compared, or since a failed attempt that is being retried.
            return new Pruned(ResourceAction.PRUNED, "pruned (already gone)");
        }
        ObjectNode live = task.live().get();
        if (live.path("metadata").hasNonNull("deletionTimestamp")) {
            return new Pruned(ResourceAction.PRUNED, "pruned (already being deleted)");
        }
        DeleteOptions delete = DeleteOptions.propagation(task.options().prunePropagationPolicy())
                .withPreconditionUid(live.path("metadata").path("uid").asText(""));
        try {
            cluster.delete(cluster.requireResourceTypeOf(live), KubernetesObjects.namespace(live),
                    KubernetesObjects.name(live), dryRun ? delete.asDryRun() : delete);
            return new Pruned(ResourceAction.PRUNED, dryRun ? "pruned (dry run)" : "pruned");
        } catch (ClusterException e) {
            if (e.isConflict() && e.getMessage().contains("recondition")) {
                return new Pruned(ResourceAction.PRUNE_SKIPPED,
                        "not pruned: the object was replaced by another with the same name since it was compared");
            }
            throw e;
        }
    }
}
