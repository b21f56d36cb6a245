package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.hooks.HookDeletePolicy;
import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.k8s.sync.SyncWaves;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a comparison into the tasks of one sync, as Argo CD does: a task per resource (left out
 * when {@code Skip}, unselected, or in sync under {@code ApplyOutOfSyncOnly=true}), per hook and
 * phase of its types (named when it has only {@code generateName}, marked, with the hook
 * finalizer; none in a selective sync or under the {@code apply} strategy), per extraneous object to prune (waves reversed,
 * {@code PruneLast} after the last wave), the managed namespace and the tracking's record (an
 * ApplySet parent); then sorted by
 * {@link TaskOrder} and checked: types the cluster does not serve fail the sync unless a CRD in
 * it defines them.
 */
final class TaskPlanner {

    /** The tasks of a sync, and what is worth telling about them. */
    record Plan(List<SyncTask> tasks, List<String> warnings) {
    }

    private final Cluster cluster;
    private final SyncTarget syncTarget;
    private final ResourceTracking tracking;
    private final String fieldManager;

    /**
     * @param target the application: its tracking marks named hooks and finds other claimants, its
     *     field manager owns the managed namespace's metadata, its namespace is the one created
     */
    TaskPlanner(Cluster cluster, SyncTarget target) {
        this.cluster = cluster;
        this.syncTarget = target;
        this.tracking = target.tracking();
        this.fieldManager = target.fieldManager();
    }

    Plan plan(Comparison comparison, SyncRequest request, Instant startedAt) {
        List<String> warnings = new ArrayList<>(request.syncOptions().warnings());
        List<SyncTask> tasks = new ArrayList<>();
        boolean selective = !request.resources().isEmpty();
        boolean outOfSyncOnly = request.syncOptions().applyOutOfSyncOnly();
        for (ResourceState state : comparison.resources()) {
            ObjectNode object = state.desired().or(state::live).orElseThrow();
            if ((selective && !request.resources().contains(state.key())) || Hooks.isSkipped(object)) {
                continue;
            }
            if (SyncWaves.hasUnreadableWave(object)) {
                warnings.add(state.key() + ": sync wave '" + KubernetesObjects.annotation(object, SyncWaves.ANNOTATION)
                        + "' is not a whole number; it syncs in wave 0");
            }
            if (state.status() == SyncStatus.EXTRANEOUS) {
                tasks.add(SyncTask.prune(state.live().orElseThrow(), request.syncOptions()));
            } else if (!(outOfSyncOnly && state.status() == SyncStatus.SYNCED)) {
                tasks.add(SyncTask.apply(state.desired().orElseThrow(), state.live().orElse(null),
                        state.status() == SyncStatus.SYNCED, request.syncOptions()));
            }
        }
        if (!selective && !request.skipHooks()) {
            for (ObjectNode hook : comparison.hooks()) {
                for (HookType type : Hooks.syncTypes(hook)) {
                    ObjectNode target = hookTarget(hook, type, comparison.appName(), syncTarget.revision(), startedAt);
                    tasks.add(SyncTask.hook(target, liveOf(target).orElse(null), type, request.syncOptions()));
                }
            }
        }
        managedNamespaceTask(comparison, request).ifPresent(tasks::add);
        inventoryTask(comparison).ifPresent(tasks::add);
        reversePruneWaves(tasks);
        pruneLast(tasks, request);
        TaskOrder.sort(tasks);
        check(tasks, comparison.appName());
        return new Plan(tasks, warnings);
    }

    /** A hook's object for one run: named when it only has generateName, marked, with the hook finalizer. */
    private ObjectNode hookTarget(ObjectNode hook, HookType type, String appName, String revision, Instant startedAt) {
        ObjectNode target = hook.deepCopy();
        ObjectNode metadata = KubernetesObjects.metadata(target);
        if (KubernetesObjects.name(target).isEmpty()) {
            String shortRevision = revision.length() >= 8 ? revision.substring(0, 7) : revision;
            metadata.put("name", metadata.path("generateName").asText() + (shortRevision + "-"
                    + type.annotationValue() + "-" + startedAt.getEpochSecond()).toLowerCase(Locale.ROOT));
            metadata.remove("generateName");
            target = tracking.mark(target, appName);
            metadata = KubernetesObjects.metadata(target);
        }
        if (!Hooks.hasHookFinalizer(target)) {
            metadata.withArray("finalizers").add(Hooks.HOOK_FINALIZER);
        }
        return target;
    }

    private Optional<ObjectNode> liveOf(ObjectNode object) {
        return cluster.resourceTypeOf(object)
                .flatMap(type -> cluster.get(type, KubernetesObjects.namespace(object), KubernetesObjects.name(object)));
    }

    /**
     * The destination namespace when {@code CreateNamespace=true} and Git does not hold it:
     * created when missing, or updated when its managed labels or annotations differ.
     */
    private Optional<SyncTask> managedNamespaceTask(Comparison comparison, SyncRequest request) {
        String name = syncTarget.namespace();
        if (!request.syncOptions().createNamespace() || name.isEmpty() || gitHoldsNamespace(comparison, name)) {
            return Optional.empty();
        }
        ObjectNode target = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ObjectNode metadata = target.putObject("metadata").put("name", name);
        ManagedNamespaceMetadata managed = syncTarget.managedNamespaceMetadata();
        if (!managed.labels().isEmpty()) {
            managed.labels().forEach(metadata.putObject("labels")::put);
        }
        if (!managed.annotations().isEmpty()) {
            managed.annotations().forEach(metadata.putObject("annotations")::put);
        }
        Optional<ObjectNode> live = liveOf(target);
        if (live.isPresent() && !metadataDiffers(target, live.get())) {
            return Optional.empty();
        }
        return Optional.of(SyncTask.managedBySync(target, live.orElse(null)));
    }

    /** The record of the application's set when the tracking method keeps one (an ApplySet parent). */
    private Optional<SyncTask> inventoryTask(Comparison comparison) {
        List<ObjectNode> members = new ArrayList<>(comparison.hooks());
        comparison.resources().forEach(r -> r.desired().ifPresent(members::add));
        Optional<ObjectNode> probe = tracking.inventory(comparison.appName(), members, Optional.empty());
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObjectNode> live = liveOf(probe.get());
        ObjectNode target = tracking.inventory(comparison.appName(), members, live).orElseThrow();
        if (live.isPresent() && !metadataDiffers(target, live.get())) {
            return Optional.empty();
        }
        return Optional.of(SyncTask.managedBySync(target, live.orElse(null)));
    }

    private static boolean gitHoldsNamespace(Comparison comparison, String name) {
        return comparison.resources().stream().anyMatch(r -> r.key().group().isEmpty()
                && r.key().kind().equals("Namespace") && r.key().name().equals(name) && r.desired().isPresent());
    }

    /** Whether applying the managed labels and annotations would change the live namespace. */
    private boolean metadataDiffers(ObjectNode target, ObjectNode live) {
        for (String field : List.of("labels", "annotations")) {
            JsonNode wanted = target.path("metadata").path(field);
            JsonNode actual = live.path("metadata").path(field);
            var names = wanted.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!wanted.get(key).equals(actual.get(key))) {
                    return true;
                }
            }
            for (String owned : ownedKeys(live, field)) {
                if (!wanted.has(owned)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The label or annotation keys our field manager's Apply entry owns. */
    private Set<String> ownedKeys(ObjectNode live, String field) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (fieldManager.equals(entry.path("manager").asText()) && "Apply".equals(entry.path("operation").asText())) {
                entry.path("fieldsV1").path("f:metadata").path("f:" + field).fieldNames()
                        .forEachRemaining(k -> keys.add(k.substring(2)));
            }
        }
        return keys;
    }

    /** Prune waves run in the reverse order of the waves the objects were created in. */
    private static void reversePruneWaves(List<SyncTask> tasks) {
        List<Integer> waves = tasks.stream().filter(SyncTask::isPrune).map(SyncTask::wave).distinct().sorted().toList();
        List<SyncTask> prunes = tasks.stream().filter(SyncTask::isPrune).toList();
        List<Integer> original = prunes.stream().map(SyncTask::wave).toList();
        for (int i = 0; i < prunes.size(); i++) {
            prunes.get(i).overrideWave(waves.get(waves.size() - 1 - waves.indexOf(original.get(i))));
        }
    }

    /** {@code PruneLast=true} (for the application or the object): prune after the last Sync wave. */
    private static void pruneLast(List<SyncTask> tasks, SyncRequest request) {
        int lastWave = tasks.stream().filter(t -> t.phase() == SyncPhase.SYNC).mapToInt(SyncTask::wave).max().orElse(0);
        for (SyncTask task : tasks) {
            if (task.isPrune() && task.options().pruneLast()) {
                task.overrideWave(Math.max(lastWave, 0) + 1);
            }
        }
    }

    /**
     * Fails tasks the cluster cannot take (a type it does not serve and no CRD in the sync
     * defines; a resource another application manages under {@code FailOnSharedResource=true};
     * a prune whose {@code PrunePropagationPolicy} is not foreground, background or orphan) and
     * marks those whose dry run cannot run (custom resources of a CRD in this sync, objects in a
     * namespace this sync creates, objects in sync, hooks replaced by BeforeHookCreation).
     */
    private void check(List<SyncTask> tasks, String appName) {
        Set<String> definedGroupKinds = new HashSet<>();
        Set<String> createdNamespaces = new HashSet<>();
        for (SyncTask task : tasks) {
            if (task.isPrune()) {
                continue;
            }
            if (task.kind().equals("CustomResourceDefinition")) {
                JsonNode spec = task.object().path("spec");
                definedGroupKinds.add(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText());
            }
            if (task.kind().equals("Namespace") && task.live().isEmpty()) {
                createdNamespaces.add(KubernetesObjects.name(task.object()));
            }
        }
        // Types looked up once per plan: a miss can mean a discovery round trip on a real cluster.
        Map<String, Optional<ResourceType>> typesByVersionAndKind = new HashMap<>();
        for (SyncTask task : tasks) {
            if (task.isPrune()) {
                checkPropagation(task);
                continue;
            }
            ObjectNode object = task.object();
            Optional<ResourceType> type = typesByVersionAndKind.computeIfAbsent(
                    KubernetesObjects.apiVersion(object) + " " + task.kind(), key -> cluster.resourceTypeOf(object));
            String groupKind = GroupVersion.parse(KubernetesObjects.apiVersion(object)).group() + "/" + task.kind();
            if (type.isEmpty()) {
                if (definedGroupKinds.contains(groupKind) || task.options().skipDryRunOnMissingResource()) {
                    task.skipDryRun(true);
                } else {
                    ClusterException missing = missingType(object);
                    task.failed(missing, missing.getMessage());
                }
                continue;
            }
            Optional<String> owner = task.live().filter(live -> !tracking.isTrackedBy(live, appName))
                    .flatMap(tracking::owningApp);
            if (task.options().failOnSharedResource() && owner.isPresent()) {
                task.failed(new ClusterException(409, ""), task.key() + " is already managed by application "
                        + owner.get() + " (" + SyncOption.FAIL_ON_SHARED_RESOURCE.enabled() + ")");
                continue;
            }
            boolean replacedHook = task.live().isPresent() && task.hasDeletePolicy(HookDeletePolicy.BEFORE_HOOK_CREATION);
            task.skipDryRun(task.inSync() || replacedHook
                    || createdNamespaces.contains(KubernetesObjects.namespace(object)));
        }
    }

    /** A prune whose {@code PrunePropagationPolicy} is misspelled fails rather than deleting some other way. */
    private static void checkPropagation(SyncTask task) {
        try {
            task.options().prunePropagationPolicy();
        } catch (GitOpsException e) {
            task.failedForGood(e.getMessage());
        }
    }

    private static ClusterException missingType(ObjectNode object) {
        return new ClusterException(404, "the cluster has no resource type " + KubernetesObjects.apiVersion(object)
                + " " + KubernetesObjects.kind(object) + " for " + ResourceKey.of(object)
                + "; if it is a custom resource, install its CustomResourceDefinition first (or sync it with this "
                + "application)");
    }
}
