package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.diff.patch.StrategicMergePatch;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.k8s.sync.ApplyStrategy;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ServerFields;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes one task's object, the way its sync options say:
 * <ul>
 *   <li>server-side apply as the field manager (the default; {@code ServerSideApply=false} or
 *       the client-side strategy turn it off), after moving the fields
 *       {@code kubectl-client-side-apply} (and our own client-side applies) own to our Apply
 *       entry, so a field Git dropped is removed ({@code ClientSideApplyMigration=false} skips it);</li>
 *   <li>client-side apply: a three-way strategic merge patch (a JSON merge patch for custom
 *       resources) against the last-applied annotation, which it updates; nothing is sent when
 *       the patch is empty;</li>
 *   <li>{@code Replace=true}: create, or replace (PUT, unconditionally, as {@code kubectl replace});</li>
 *   <li>{@code Force=true}: when the server refuses the change as invalid (an immutable field,
 *       422), delete the object and create it again; when finalizers (or a grace period) keep the
 *       deleted object, the write says so and {@link #createAgain} creates it once it is gone.</li>
 * </ul>
 * Every write can be a dry run ({@code dryRun=All}). {@code Validate=false} sends
 * {@code fieldValidation=Ignore}; otherwise {@code Strict}, as kubectl does.
 */
final class ObjectWriter {

    /**
     * What a write did.
     *
     * @param recreateAfter when not empty, the object was deleted to be created again (Force=true)
     *     after this refusal, and is still being deleted: {@code live} is the object going away
     */
    record Written(ObjectNode live, ResourceAction action, String message, String recreateAfter) {

        Written(ObjectNode live, ResourceAction action, String message) {
            this(live, action, message, "");
        }

        boolean stillDeleting() {
            return !recreateAfter.isEmpty();
        }
    }

    private final Cluster cluster;
    private final String fieldManager;

    ObjectWriter(Cluster cluster, String fieldManager) {
        this.cluster = cluster;
        this.fieldManager = fieldManager;
    }

    Written write(SyncTask task, SyncRequest request, boolean dryRun, Instant now) {
        ObjectNode configuration = ServerFields.strip(task.target().orElseThrow());
        Optional<ObjectNode> live = task.live();
        WriteOptions write = writeOptions(task, dryRun);
        boolean force = task.options().force();
        try {
            return writeOnce(task, request, configuration, live, write, now);
        } catch (ClusterException e) {
            if (e.code() != 422 || !force || live.isEmpty() || isNamespaceOrDefinition(configuration)) {
                throw e;
            }
            if (dryRun) {
                return new Written(live.get(), ResourceAction.CONFIGURED,
                        "would be deleted and created again (" + SyncOption.FORCE.enabled() + "): " + e.getMessage());
            }
            return recreate(configuration, write, e.getMessage());
        }
    }

    /**
     * Creates again an object a {@code Force=true} write deleted, once it is gone.
     *
     * @return the created object, or (still deleting) the object as it is while it goes away
     */
    Written createAgain(SyncTask task, String refusal) {
        ObjectNode configuration = ServerFields.strip(task.target().orElseThrow());
        Optional<ObjectNode> remaining = cluster.get(type(configuration), KubernetesObjects.namespace(configuration),
                KubernetesObjects.name(configuration));
        return remaining.isPresent() ? deleting(remaining.get(), refusal)
                : created(configuration, writeOptions(task, false), refusal);
    }

    private WriteOptions writeOptions(SyncTask task, boolean dryRun) {
        return new WriteOptions(dryRun, fieldManager, false,
                task.options().validate() ? "Strict" : "Ignore");
    }

    private Written writeOnce(SyncTask task, SyncRequest request, ObjectNode configuration, Optional<ObjectNode> live,
            WriteOptions write, Instant now) {
        String suffix = write.dryRun() ? " (dry run)" : "";
        if (task.options().replace() && !task.isManagedBySync()) {
            return replace(configuration, live, write, suffix);
        }
        if (usesServerSideApply(task, request)) {
            if (live.isPresent() && !write.dryRun() && task.options().clientSideApplyMigration()) {
                live = Optional.of(ClientSideApplyMigration.migrate(cluster, live.get(), fieldManager, now));
            }
            ObjectNode applied = cluster.apply(configuration,
                    request.forceConflicts() ? write.forced() : write);
            return live.isEmpty() ? new Written(applied, ResourceAction.CREATED, "created" + suffix)
                    : new Written(applied, ResourceAction.CONFIGURED, "configured (server-side apply)" + suffix);
        }
        return clientSideApply(configuration, live, write, suffix);
    }

    private boolean usesServerSideApply(SyncTask task, SyncRequest request) {
        if (task.isManagedBySync()) {
            return true;
        }
        return task.options().serverSideApply().orElse(request.strategy() == ApplyStrategy.SERVER_SIDE);
    }

    /** {@code kubectl apply}: create with the last-applied annotation, or a three-way patch that updates it. */
    private Written clientSideApply(ObjectNode configuration, Optional<ObjectNode> live, WriteOptions write,
            String suffix) {
        ObjectNode modified = KubernetesObjects.withAnnotation(configuration, ServerFields.LAST_APPLIED_ANNOTATION,
                Json.write(configuration));
        if (live.isEmpty()) {
            return new Written(cluster.create(modified, write), ResourceAction.CREATED, "created" + suffix);
        }
        ObjectNode original = ServerFields.lastApplied(live.get()).orElse(null);
        ObjectNode patch = StrategicMergePatch.createThreeWay(original, modified, live.get());
        if (patch.isEmpty()) {
            return new Written(live.get(), ResourceAction.UNCHANGED, "unchanged" + suffix);
        }
        boolean builtIn = KubernetesSchema.builtIn().isKnown(KubernetesObjects.apiVersion(configuration),
                KubernetesObjects.kind(configuration));
        ObjectNode patched = cluster.patch(type(configuration), KubernetesObjects.namespace(configuration),
                KubernetesObjects.name(configuration),
                builtIn ? Patch.strategicMerge(patch) : Patch.merge(patch), write);
        return new Written(patched, ResourceAction.CONFIGURED, "configured (client-side apply)" + suffix);
    }

    /** {@code kubectl replace} (or create); CRDs and Namespaces are updated, never recreated. */
    private Written replace(ObjectNode configuration, Optional<ObjectNode> live, WriteOptions write, String suffix) {
        if (live.isEmpty()) {
            return new Written(cluster.create(configuration, write), ResourceAction.CREATED, "created" + suffix);
        }
        // As kubectl replace: an unconditional update (no resourceVersion), so a wave that runs
        // long after the comparison does not fail on a version that has moved on meanwhile.
        return new Written(cluster.update(configuration, write), ResourceAction.CONFIGURED, "replaced" + suffix);
    }

    /** Deletes the object and creates it again, at once when it is gone, else later ({@link #createAgain}). */
    private Written recreate(ObjectNode configuration, WriteOptions write, String refusal) {
        ResourceType type = type(configuration);
        String namespace = KubernetesObjects.namespace(configuration);
        String name = KubernetesObjects.name(configuration);
        cluster.delete(type, namespace, name, DeleteOptions.propagation(PropagationPolicy.BACKGROUND));
        Optional<ObjectNode> remaining = cluster.get(type, namespace, name);
        return remaining.isPresent() ? deleting(remaining.get(), refusal) : created(configuration, write, refusal);
    }

    private Written created(ObjectNode configuration, WriteOptions write, String refusal) {
        return new Written(cluster.create(configuration, write), ResourceAction.CONFIGURED,
                "deleted and created again (" + SyncOption.FORCE.enabled() + ") after: " + refusal);
    }

    private static Written deleting(ObjectNode remaining, String refusal) {
        return new Written(remaining, ResourceAction.CONFIGURED, "deleted (" + SyncOption.FORCE.enabled() + ") after: "
                + refusal + "; waiting for it to be gone to create it again", refusal);
    }

    private ResourceType type(ObjectNode object) {
        return cluster.requireResourceTypeOf(object);
    }

    private static boolean isNamespaceOrDefinition(ObjectNode object) {
        String kind = KubernetesObjects.kind(object);
        return kind.equals("Namespace") || kind.equals("CustomResourceDefinition");
    }
}
