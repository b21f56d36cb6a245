package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationRefusedException;
import io.gitops4j.core.engine.RefreshType;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the controller does with each Application object it sees, within the event: a valid spec
 * is registered with the engine (or its change handed over), an invalid one unregistered with an
 * {@code InvalidSpecError} condition; a {@code .operation} is handed to the engine; the refresh
 * annotation asks for a refresh and is removed; a deletion with Argo CD's resources finalizer
 * deletes the resources first and then removes the finalizer. Thread-safe.
 */
final class ApplicationObjectHandler implements NamespaceWatch.Handler {

    /** Argo CD's annotation asking for a refresh ({@code normal} or {@code hard}). */
    static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationObjectHandler.class);

    private final ApplicationObjects objects;
    private final ApplicationController engine;
    private final ApplicationStatusStore store;
    private final SpecDocuments specs;
    private final OperationDocuments operations;
    private final InvalidSpecStatus invalid;
    private final Map<String, Application> registered = new ConcurrentHashMap<>();
    private final Set<String> deleting = ConcurrentHashMap.newKeySet();

    ApplicationObjectHandler(ApplicationObjects objects, ApplicationController engine, ApplicationStatusStore store,
            SpecDocuments specs, OperationDocuments operations, Clock clock) {
        this.objects = objects;
        this.engine = engine;
        this.store = store;
        this.specs = specs;
        this.operations = operations;
        this.invalid = new InvalidSpecStatus(objects, clock);
    }

    @Override
    public synchronized void seen(ObjectNode object) {
        String name = objects.engineName(object);
        ApplicationObjects.Ref ref = new ApplicationObjects.Ref(KubernetesObjects.namespace(object),
                KubernetesObjects.name(object));
        if (object.path("metadata").has("deletionTimestamp")) {
            deleted(name, ref, object);
            return;
        }
        Application app;
        try {
            app = rename(Applications.fromObject(object, ref.toString()), name);
        } catch (GitOpsException | IllegalArgumentException e) {
            if (registered.remove(name) != null) {
                engine.unregister(name);
            }
            LOG.warn("{}: {}; nothing is applied until it is fixed", ref, e.getMessage());
            invalid.write(ref, e.getMessage());
            return;
        }
        specs.remember(app, object);
        if (!app.equals(registered.get(name))) {
            boolean added = registered.put(name, app) == null;
            engine.register(app);
            LOG.info("{}: {}", ref, added ? "registered" : "spec changed");
        }
        refreshIfAsked(name, ref, object);
        operateIfAsked(name, ref, object);
    }

    @Override
    public synchronized void gone(ObjectNode object) {
        String name = objects.engineName(object);
        deleting.remove(name);
        store.delete(name);
        if (registered.remove(name) != null) {
            engine.unregister(name);
            LOG.info("{}/{}: deleted; its resources are kept", KubernetesObjects.namespace(object),
                    KubernetesObjects.name(object));
        }
    }

    /**
     * Stops reconciling the object's application without touching the object, as a replica does
     * when its shard goes to another: a running operation is terminated, the application is
     * unregistered (its status stays the next replica's memory).
     */
    synchronized void release(ObjectNode object) {
        String name = objects.engineName(object);
        deleting.remove(name);
        store.delete(name);
        if (registered.remove(name) != null) {
            engine.terminate(name);
            engine.unregister(name);
            LOG.info("{}/{}: no longer reconciled by this replica", KubernetesObjects.namespace(object),
                    KubernetesObjects.name(object));
        }
    }

    private static Application rename(Application app, String name) {
        return app.name().equals(name) ? app : new Application(name, app.project(), app.source(), app.destination(),
                app.automated(), app.ignoreDifferences(), app.syncPolicy(), app.revisionHistoryLimit(), app.sources(),
                app.annotations(), app.warnings());
    }

    private void refreshIfAsked(String name, ApplicationObjects.Ref ref, ObjectNode object) {
        String asked = KubernetesObjects.annotation(object, REFRESH_ANNOTATION);
        if (asked.isEmpty()) {
            return;
        }
        RefreshType type = asked.toLowerCase(Locale.ROOT).equals("hard") ? RefreshType.HARD : RefreshType.NORMAL;
        engine.refresh(name, type);
        LOG.info("{}: {} refresh requested", ref, type.name().toLowerCase(Locale.ROOT));
        objects.update(ref, current -> {
            JsonNode annotations = current.path("metadata").path("annotations");
            if (!annotations.has(REFRESH_ANNOTATION)) {
                return false;
            }
            ((ObjectNode) annotations).remove(REFRESH_ANNOTATION);
            return true;
        });
    }

    private void operateIfAsked(String name, ApplicationObjects.Ref ref, ObjectNode object) {
        JsonNode requested = object.path("operation");
        if (requested.isMissingNode() || requested.isNull()) {
            return;
        }
        Operation operation;
        try {
            operation = operations.read(requested, ref + " .operation");
        } catch (GitOpsException e) {
            LOG.warn("{}: {}; the operation is refused", ref, e.getMessage());
            invalid.refuseOperation(ref, "Error", e.getMessage());
            return;
        }
        if (store.accepted(name).filter(operation::equals).isPresent()) {
            return;
        }
        try {
            engine.operate(name, operation);
            store.accepted(name, operation);
            LOG.info("{}: sync operation requested{}{}", ref,
                    operation.revision().isEmpty() ? "" : " to " + operation.revision(),
                    operation.initiatedBy().username().isEmpty() ? "" : " by " + operation.initiatedBy().username());
        } catch (OperationRefusedException e) {
            boolean resumed = engine.status(name).operationState()
                    .filter(s -> !s.isCompleted() && s.operation().equals(operation)).isPresent();
            boolean running = engine.status(name).operationState().filter(s -> !s.isCompleted()).isPresent();
            if (resumed) {
                store.accepted(name, operation);   // a restarted controller resumed it from the status
            } else if (running) {
                LOG.info("{}: {}; the requested operation waits", ref, e.getMessage());
            } else {   // refused for good (a sync window, the project): ended as Argo CD's API refuses it
                LOG.warn("{}: {}; the operation is refused", ref, e.getMessage());
                invalid.refuseOperation(ref, "Failed", e.getMessage());
            }
        }
    }

    private void deleted(String name, ApplicationObjects.Ref ref, ObjectNode object) {
        List<String> finalizers = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        Optional<Cascade> cascade = finalizers.stream().map(Cascade::ofFinalizer).filter(c -> c != Cascade.NONE)
                .findFirst();
        if (cascade.isEmpty()) {
            if (registered.remove(name) != null) {
                engine.unregister(name);   // another finalizer holds it; its resources stay
            }
            return;
        }
        if (!deleting.add(name)) {
            return;
        }
        if (!registered.containsKey(name)) {
            try {   // deleted while no controller ran: its resources are found by its name all the same
                Application app = rename(Applications.fromObject(object, ref.toString()), name);
                specs.remember(app, object);
                engine.register(app);
            } catch (GitOpsException | IllegalArgumentException e) {
                LOG.warn("{}: deleted with {} but its spec cannot be read ({}); its resources are kept", ref,
                        cascade.get().finalizer(), e.getMessage());
                removeFinalizers(name, ref);
                return;
            }
        }
        registered.remove(name);
        LOG.info("{}: deleting its resources ({})", ref, cascade.get().finalizer());
        engine.delete(name, cascade.get()).whenComplete((done, failure) -> {
            if (failure == null) {
                removeFinalizers(name, ref);
                LOG.info("{}: resources deleted, finalizer removed", ref);
            } else {
                deleting.remove(name);
                LOG.warn("{}: deleting its resources failed: {}", ref, failure.getMessage());
            }
        });
    }

    private void removeFinalizers(String name, ApplicationObjects.Ref ref) {
        objects.update(ref, current -> {
            JsonNode finalizers = current.path("metadata").path("finalizers");
            if (!finalizers.isArray()) {
                return false;
            }
            ArrayNode kept = current.arrayNode();
            finalizers.forEach(f -> {
                if (Cascade.ofFinalizer(f.asText()) == Cascade.NONE) {
                    kept.add(f);
                }
            });
            if (kept.size() == finalizers.size()) {
                return false;
            }
            KubernetesObjects.metadata(current).set("finalizers", kept);
            return true;
        });
        store.delete(name);
    }
}
