package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.k8s.hooks.HookDeletePolicy;
import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncOptionList;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.k8s.sync.SyncWaves;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One thing a sync does: apply an object (a resource, a hook run, the managed namespace) or
 * prune one, in a phase and wave; and how far it got. Mutable, owned by one {@link SyncStateMachine}.
 */
final class SyncTask {

    private final ResourceKey key;
    private final ObjectNode target;
    private final Optional<HookType> hook;
    private final boolean inSync;
    private final SyncOptionList options;
    private final boolean managedBySync;
    /** The wave its annotations name, read once: the order compares it often. */
    private final int ownWave;
    /** A hook's delete policies, read once. */
    private final Set<HookDeletePolicy> deletePolicies;
    private SyncPhase phase;
    private Integer waveOverride;
    private ObjectNode live;
    private boolean skipDryRun;

    private OperationPhase status;
    private ResourceAction action = ResourceAction.NOT_RUN;
    private String message = "";
    private ClusterException failure;
    private Instant runningSince;
    /** Why the object was deleted to be created again (Force=true), while it is still being deleted; else empty. */
    private String recreateAfter = "";

    private SyncTask(ResourceKey key, SyncPhase phase, ObjectNode target, ObjectNode live, Optional<HookType> hook,
            boolean inSync, SyncOptionList options, boolean managedBySync) {
        this.key = key;
        this.phase = phase;
        this.target = target;
        this.live = live;
        this.hook = hook;
        this.inSync = inSync;
        this.options = options;
        this.managedBySync = managedBySync;
        this.ownWave = SyncWaves.of(target != null ? target : live);
        this.deletePolicies = hook.isPresent() ? Hooks.deletePolicies(target) : Set.of();
    }

    /** Applies a resource from Git; {@code inSync} when the comparison found nothing to change. */
    static SyncTask apply(ObjectNode target, ObjectNode live, boolean inSync, SyncOptionList appOptions) {
        return new SyncTask(ResourceKey.of(target), SyncPhase.SYNC, target, live, Optional.empty(), inSync,
                appOptions.with(SyncOptionList.ofAnnotation(target)), false);
    }

    /** Runs a hook in the phase of its type. */
    static SyncTask hook(ObjectNode target, ObjectNode live, HookType type, SyncOptionList appOptions) {
        return new SyncTask(ResourceKey.of(target), SyncPhase.valueOf(type.name()), target, live, Optional.of(type),
                false, appOptions.with(SyncOptionList.ofAnnotation(target)), false);
    }

    /** Prunes a live object Git no longer has. */
    static SyncTask prune(ObjectNode live, SyncOptionList appOptions) {
        return new SyncTask(ResourceKey.of(live), SyncPhase.SYNC, null, live, Optional.empty(), false,
                appOptions.with(SyncOptionList.ofAnnotation(live)), false);
    }

    /**
     * Creates or updates an object the sync itself manages, before anything else: the namespace
     * {@code CreateNamespace=true} creates, the ApplySet parent. Always server-side applied.
     */
    static SyncTask managedBySync(ObjectNode target, ObjectNode live) {
        return new SyncTask(ResourceKey.of(target), SyncPhase.PRE_SYNC, target, live, Optional.empty(), false,
                SyncOptionList.EMPTY, true);
    }

    ResourceKey key() {
        return key;
    }

    SyncPhase phase() {
        return phase;
    }

    /** The wave: overridden (prunes, dependencies), else the object's own. */
    int wave() {
        return waveOverride != null ? waveOverride : ownWave;
    }

    void moveTo(SyncPhase newPhase, int newWave) {
        this.phase = newPhase;
        this.waveOverride = newWave;
    }

    void overrideWave(int newWave) {
        this.waveOverride = newWave;
    }

    /** The object from Git, or the live one for a prune. */
    ObjectNode object() {
        return target != null ? target : live;
    }

    Optional<ObjectNode> target() {
        return Optional.ofNullable(target);
    }

    Optional<ObjectNode> live() {
        return Optional.ofNullable(live);
    }

    void live(ObjectNode value) {
        this.live = value;
    }

    boolean isPrune() {
        return target == null;
    }

    boolean isHook() {
        return hook.isPresent();
    }

    Optional<HookType> hookType() {
        return hook;
    }

    boolean inSync() {
        return inSync;
    }

    boolean isManagedBySync() {
        return managedBySync;
    }

    SyncOptionList options() {
        return options;
    }

    String kind() {
        return KubernetesObjects.kind(object());
    }

    boolean skipDryRun() {
        return skipDryRun;
    }

    void skipDryRun(boolean value) {
        this.skipDryRun = value;
    }

    boolean hasDeletePolicy(HookDeletePolicy policy) {
        return deletePolicies.contains(policy);
    }

    // ---- progress

    boolean pending() {
        return status == null;
    }

    boolean running() {
        return status == OperationPhase.RUNNING;
    }

    boolean completed() {
        return status != null && status.isCompleted();
    }

    boolean successful() {
        return status == OperationPhase.SUCCEEDED;
    }

    OperationPhase status() {
        return status;
    }

    ResourceAction action() {
        return action;
    }

    String message() {
        return message;
    }

    Optional<ClusterException> failure() {
        return Optional.ofNullable(failure);
    }

    Instant runningSince() {
        return runningSince;
    }

    /** Records what was done; {@code RUNNING} starts the wait for health or completion at {@code now}. */
    void done(ResourceAction newAction, OperationPhase newStatus, String newMessage, Instant now) {
        this.action = newAction;
        this.message = newMessage;
        if (newStatus == OperationPhase.RUNNING && status != OperationPhase.RUNNING) {
            this.runningSince = now;
        }
        this.status = newStatus;
    }

    /** Whether its object was deleted to be created again (Force=true) and is still going away. */
    boolean awaitsRecreation() {
        return !recreateAfter.isEmpty();
    }

    /** The refusal that made a {@code Force=true} write delete the object, while it awaits recreation. */
    String recreateAfter() {
        return recreateAfter;
    }

    /** Its object is being deleted to be created again after {@code refusal}; the task runs meanwhile. */
    void awaitRecreation(String refusal) {
        this.recreateAfter = refusal;
    }

    /** Its object was created again: the wait for its health starts {@code now}. */
    void recreated(Instant now) {
        this.recreateAfter = "";
        this.runningSince = now;
    }

    /** Updates where it stands without changing what was done. */
    void status(OperationPhase newStatus, String newMessage) {
        this.status = newStatus;
        if (!newMessage.isEmpty()) {
            this.message = newMessage;
        }
    }

    void failed(ClusterException error, String newMessage) {
        this.recreateAfter = "";
        this.failure = error;
        this.action = ResourceAction.FAILED;
        this.status = OperationPhase.FAILED;
        this.message = newMessage;
    }

    /**
     * Fails the task for a reason no retry helps (it cannot run as it is written, or waited past
     * its deadline), not for a refusal of the cluster.
     */
    void failedForGood(String newMessage) {
        this.recreateAfter = "";
        this.failure = null;
        this.action = ResourceAction.FAILED;
        this.status = OperationPhase.FAILED;
        this.message = newMessage;
    }

    /** Back to pending, for a retry. */
    void reset() {
        this.recreateAfter = "";
        this.status = null;
        this.action = ResourceAction.NOT_RUN;
        this.failure = null;
        this.runningSince = null;
    }

    /** Its outcome; a task not run is Pending, "not run yet" while the operation goes on, "not run" once it ended. */
    ResourceResult result(boolean operationCompleted) {
        if (pending()) {
            return new ResourceResult(key, phase, wave(), ResourceAction.NOT_RUN, OperationPhase.PENDING,
                    operationCompleted ? "not run" : "not run yet", hook);
        }
        return new ResourceResult(key, phase, wave(), action, status, message, hook);
    }

    @Override
    public String toString() {
        return phase.displayName() + "/" + wave() + " " + key;
    }
}
