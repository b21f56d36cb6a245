package io.gitops4j.k8s.sync.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.SyncOptionList;
import io.gitops4j.k8s.sync.SyncOptions;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Locale;
import java.util.Optional;

/**
 * Deletes a live object that left Git, unless pruning is off, the object says
 * {@code Prune=false} (or {@code Prune=confirm}), or Git holds nothing at all and empty syncs are
 * not allowed. Deletion uses the {@code PrunePropagationPolicy} (foreground by default, as in
 * Argo CD; any other value fails the sync when it is planned) and the uid of the object the comparison saw as a precondition, so an object
 * re-created since with the same name is never deleted.
 */
final class Pruner {

    /** The sync option that chooses how dependents of a pruned object are deleted. */
    static final String PROPAGATION_OPTION = "PrunePropagationPolicy";

    /** What pruning did. */
    record Pruned(ResourceAction action, String message) {
    }

    private final Cluster cluster;

    Pruner(Cluster cluster) {
        this.cluster = cluster;
    }

    Pruned prune(SyncTask task, SyncOptions options, boolean gitIsEmpty, boolean dryRun) {
        if (!options.prune()) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED, "ignored (requires pruning)");
        }
        if (task.options().is("Prune", "false")) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED, "ignored (no prune: Prune=false)");
        }
        if (task.options().is("Prune", "confirm")) {
            return new Pruned(ResourceAction.PRUNE_SKIPPED,
                    "ignored (Prune=confirm: GitOps4J does not ask for confirmation; delete it by hand)");
        }
        if (gitIsEmpty && !options.allowEmpty()) {
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
        DeleteOptions delete = DeleteOptions.propagation(propagation(task.options()))
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

    /**
     * The {@code PrunePropagationPolicy} among {@code options}: {@code foreground} (also when
     * absent), {@code background} or {@code orphan}, in any case.
     *
     * @throws GitOpsException naming the option, its value and the accepted values, for any other value
     */
    static PropagationPolicy propagation(SyncOptionList options) {
        Optional<String> value = options.value(PROPAGATION_OPTION);
        if (value.isEmpty()) {
            return PropagationPolicy.FOREGROUND;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "foreground" -> PropagationPolicy.FOREGROUND;
            case "background" -> PropagationPolicy.BACKGROUND;
            case "orphan" -> PropagationPolicy.ORPHAN;
            default -> throw new GitOpsException("sync option " + PROPAGATION_OPTION + "=" + value.get()
                    + " is not one of foreground, background, orphan; correct it in the object's "
                    + SyncOptionList.ANNOTATION + " annotation or the application's syncOptions");
        };
    }
}
