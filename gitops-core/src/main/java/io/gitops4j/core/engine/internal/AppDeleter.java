package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.k8s.sync.SyncWaves;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an application as Argo CD does with and without its
 * {@code resources-finalizer.argocd.argoproj.io} finalizer: without cascade the application goes
 * at once and its resources stay; with cascade every live object it tracks is deleted (foreground
 * or background propagation), the highest sync wave first, and the application goes once none is
 * left. An object that cannot be deleted leaves a {@code DeletionError} and is tried again on the
 * next comparison.
 */
public final class AppDeleter {

    private static final Logger LOG = LoggerFactory.getLogger(AppDeleter.class);

    private final ControllerCore core;
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    AppDeleter(ControllerCore core) {
        this.core = core;
    }

    /** Starts deleting the application; the future completes once it is gone. */
    public CompletableFuture<Void> delete(ManagedApp managed, Cascade cascade) {
        String name = managed.app().name();
        CompletableFuture<Void> done = pending.computeIfAbsent(name, n -> new CompletableFuture<>());
        synchronized (managed) {
            managed.deleting = Optional.of(cascade);
        }
        core.operations().terminate(managed);
        if (cascade == Cascade.NONE) {
            finish(managed, "deleted; its resources were kept");
        } else {
            core.compareSoon(name);
        }
        return done;
    }

    /** One pass: delete what is left, highest wave first; finish when nothing is. */
    void continueDeletion(ManagedApp managed) {
        String name = managed.app().name();
        Cascade cascade = managed.deleting.orElseThrow();
        DestinationClusters.Target destination;
        try {
            destination = core.destinations.of(managed.app());
        } catch (DestinationClusters.Unavailable e) {
            core.publish(managed, StatusFactory.withCondition(managed.status(), ConditionType.DELETION_ERROR,
                    e.getMessage(), core.clock.instant()));
            return;
        }
        List<ObjectNode> left = destination.cache().trackedBy(name, core.states.tracking()).stream()
                .sorted(Comparator.comparingInt((ObjectNode o) -> SyncWaves.of(o)).reversed()
                        .thenComparing(o -> ResourceKey.of(o), Comparator.reverseOrder()))
                .toList();
        if (left.isEmpty()) {
            finish(managed, "deleted with its resources (" + cascade.finalizer() + ")");
            return;
        }
        PropagationPolicy propagation = cascade == Cascade.BACKGROUND ? PropagationPolicy.BACKGROUND
                : PropagationPolicy.FOREGROUND;
        int topWave = SyncWaves.of(left.get(0));
        for (ObjectNode object : left) {
            if (SyncWaves.of(object) != topWave || object.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            try {
                Optional<ResourceType> type = destination.cluster().resourceTypeOf(object);
                if (type.isPresent()) {
                    destination.cluster().delete(type.get(), KubernetesObjects.namespace(object),
                            KubernetesObjects.name(object), DeleteOptions.propagation(propagation));
                }
            } catch (ClusterException e) {
                String message = "cannot delete " + ResourceKey.of(object) + ": " + e.getMessage();
                LOG.warn("{}: {}", name, message);
                core.publish(managed, StatusFactory.withCondition(managed.status(), ConditionType.DELETION_ERROR,
                        message, core.clock.instant()));
                return;
            }
        }
        if (destination.cache().trackedBy(name, core.states.tracking()).isEmpty()) {
            finish(managed, "deleted with its resources (" + cascade.finalizer() + ")");
        }
    }

    private void finish(ManagedApp managed, String summary) {
        String name = managed.app().name();
        core.forget(managed);
        core.notifier.event(ApplicationEvent.Type.DELETED, name, managed.status().sync().revision(),
                "application " + name + " " + summary);
        Optional.ofNullable(pending.remove(name)).ifPresent(f -> f.complete(null));
    }
}
