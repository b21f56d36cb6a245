package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.patch.MergePatch;
import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.ClusterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a cluster to the desired state of a {@link Comparison}: creates missing objects,
 * updates those out of sync, then prunes extraneous ones when asked to.
 *
 * <p>Objects are applied in {@link KindOrder} (namespaces and CRDs before what needs them) and
 * pruned in the reverse order. An update merges the desired object into the live one (JSON merge
 * patch), so fields the server or other controllers set are kept. Objects already in sync are
 * not written to. Safety first: when any apply fails the sync stops there and prunes nothing, and
 * an empty desired state prunes nothing unless {@link SyncOptions#allowEmpty()}.
 */
public final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final Cluster cluster;

    public SyncEngine(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Runs the sync to the end and reports what happened to every resource. */
    public SyncResult sync(Comparison comparison, SyncOptions options) {
        List<ResourceResult> results = new ArrayList<>();
        List<ResourceState> toApply = new ArrayList<>();
        List<ResourceState> toPrune = new ArrayList<>();
        for (ResourceState state : comparison.resources()) {
            (state.status() == SyncStatus.EXTRANEOUS ? toPrune : toApply).add(state);
        }
        toApply.sort(Comparator.comparing(ResourceState::key, KindOrder.APPLY_ORDER));
        toPrune.sort(Comparator.comparing(ResourceState::key, KindOrder.APPLY_ORDER).reversed());

        boolean applyFailed = false;
        for (ResourceState state : toApply) {
            ResourceResult result = applyFailed
                    ? new ResourceResult(state.key(), ResourceAction.FAILED, "not applied: an earlier resource failed")
                    : apply(state);
            applyFailed |= result.action() == ResourceAction.FAILED;
            results.add(result);
        }
        for (ResourceState state : toPrune) {
            results.add(prune(state, options, applyFailed, comparison.desiredCount() == 0));
        }
        String firstFailure = results.stream().filter(r -> r.action() == ResourceAction.FAILED)
                .map(r -> r.key() + ": " + r.message()).findFirst().orElse(null);
        SyncResult result = new SyncResult(results, firstFailure == null,
                firstFailure == null ? summary(results) : "sync failed: " + firstFailure);
        LOG.info("{}", result.message());
        return result;
    }

    private ResourceResult apply(ResourceState state) {
        ObjectNode desired = state.desired().orElseThrow();
        try {
            if (state.status() == SyncStatus.SYNCED) {
                return new ResourceResult(state.key(), ResourceAction.UNCHANGED, "unchanged");
            }
            if (state.live().isEmpty()) {
                cluster.create(desired);
                LOG.debug("created {}", state.key());
                return new ResourceResult(state.key(), ResourceAction.CREATED, "created");
            }
            ObjectNode withoutStatus = desired.deepCopy();
            withoutStatus.remove("status");
            cluster.update(MergePatch.apply(state.live().get(), withoutStatus));
            LOG.debug("configured {}", state.key());
            return new ResourceResult(state.key(), ResourceAction.CONFIGURED, "configured");
        } catch (ClusterException e) {
            LOG.warn("applying {} failed: {}", state.key(), e.getMessage());
            return new ResourceResult(state.key(), ResourceAction.FAILED, e.getMessage());
        }
    }

    private ResourceResult prune(ResourceState state, SyncOptions options, boolean syncFailed, boolean emptyDesired) {
        if (!options.prune()) {
            return new ResourceResult(state.key(), ResourceAction.PRUNE_SKIPPED, "ignored (requires pruning)");
        }
        if (syncFailed) {
            return new ResourceResult(state.key(), ResourceAction.PRUNE_SKIPPED, "not pruned: the sync failed");
        }
        if (emptyDesired && !options.allowEmpty()) {
            return new ResourceResult(state.key(), ResourceAction.PRUNE_SKIPPED,
                    "not pruned: Git holds no objects for this application; set allowEmpty to prune everything");
        }
        ObjectNode live = state.live().orElseThrow();
        try {
            cluster.delete(cluster.requireResourceTypeOf(live), state.key().namespace(), state.key().name());
            LOG.debug("pruned {}", state.key());
            return new ResourceResult(state.key(), ResourceAction.PRUNED, "pruned");
        } catch (ClusterException e) {
            LOG.warn("pruning {} failed: {}", state.key(), e.getMessage());
            return new ResourceResult(state.key(), ResourceAction.FAILED, "prune failed: " + e.getMessage());
        }
    }

    private static String summary(List<ResourceResult> results) {
        long changed = results.stream().filter(r -> r.action() == ResourceAction.CREATED
                || r.action() == ResourceAction.CONFIGURED || r.action() == ResourceAction.PRUNED).count();
        return "sync succeeded: " + changed + " of " + results.size() + " resources changed";
    }
}
