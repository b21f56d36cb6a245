package io.gitops4j.core.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.StateStore;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} over the Application objects themselves: the state is the object's
 * {@code .status} as Argo CD writes it, plus the last sync that counts for automated sync in the
 * annotation {@value #LAST_SYNC_ANNOTATION} (Argo CD has no field for it; without the annotation,
 * as on an Application Argo CD reconciled, it is derived from {@code status.operationState} as
 * Argo CD derives it). The status is written with an ordinary update (Argo CD's CRD has no status
 * subresource) of the newest version of the object the watch delivered (or the last write
 * returned), carrying its resourceVersion: one request per status written, no read before it. Only
 * a 409 Conflict reads the object again and retries (a bounded number of times), so a user's
 * concurrent spec edit is kept and nothing written since the version seen is overwritten. A
 * status is written only when the JSON differs from what the object holds: a save of an unchanged
 * status makes no request at all. The save that records the completion of an operation the controller took from the
 * object's {@code .operation} also clears that field, in the same update, as Argo CD does.
 */
final class ApplicationStatusStore implements StateStore {

    /** The annotation holding the last sync attempt, as JSON. */
    static final String LAST_SYNC_ANNOTATION = "gitops4j.io/last-sync-attempt";

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationStatusStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ApplicationObjects objects;
    private final SpecDocuments specs;
    private final OperationDocuments operations;
    private final StatusWriter writer;
    private final StatusReader reader;
    private final ConcurrentMap<String, Operation> accepted = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    ApplicationStatusStore(ApplicationObjects objects, SpecDocuments specs, OperationDocuments operations) {
        this.objects = objects;
        this.specs = specs;
        this.operations = operations;
        this.writer = new StatusWriter(specs, operations);
        this.reader = new StatusReader(specs, operations);
    }

    /** Remembers that the application's {@code .operation} was handed to the engine as {@code operation}. */
    void accepted(String appName, Operation operation) {
        accepted.put(appName, operation);
    }

    /** The operation taken from the application's {@code .operation} whose completion is not written yet. */
    Optional<Operation> accepted(String appName) {
        return Optional.ofNullable(accepted.get(appName));
    }

    /** How many status writes were made, for the metrics and for tests that check an unchanged status writes nothing. */
    long writes() {
        return writes.get();
    }

    @Override
    public Optional<Versioned> load(String appName) {
        ApplicationObjects.Ref ref = objects.ref(appName);
        return objects.current(ref).flatMap(object -> {
            JsonNode status = object.path("status");
            if (!status.isObject() || status.isEmpty()) {
                return Optional.empty();
            }
            ApplicationStatus read = reader.read(status, ref.toString());
            read = read.withConditions(read.conditions().stream()
                    .filter(c -> c.type() != ConditionType.INVALID_SPEC_ERROR).toList());
            Optional<SyncAttempt> attempt = lastSyncAttempt(object, read, ref);
            return Optional.of(new Versioned(new StoredState(read, attempt),
                    object.path("metadata").path("resourceVersion").asText()));
        });
    }

    @Override
    public String save(String appName, StoredState state, Optional<String> expectedVersion) {
        ApplicationObjects.Ref ref = objects.ref(appName);
        ObjectNode status = normalized(writer.write(state.status()));
        String attempt = state.lastSyncAttempt().map(this::attemptJson).orElse("");
        Optional<Operation> clears = accepted(appName).filter(op -> state.status().operationState()
                .filter(s -> s.isCompleted() && s.operation().equals(op)).isPresent());
        boolean[] written = {false};
        Optional<ObjectNode> stored = objects.update(ref, object -> {
            boolean change = false;
            if (!status.equals(object.path("status"))) {
                object.set("status", status.deepCopy());
                change = true;
            }
            if (!attempt.equals(KubernetesObjects.annotation(object, LAST_SYNC_ANNOTATION))) {
                ObjectNode annotations = ApplicationObjects.child(KubernetesObjects.metadata(object), "annotations");
                if (attempt.isEmpty()) {
                    annotations.remove(LAST_SYNC_ANNOTATION);
                } else {
                    annotations.put(LAST_SYNC_ANNOTATION, attempt);
                }
                change = true;
            }
            if (clears.isPresent() && isOperation(object, clears.get(), ref)) {
                object.remove("operation");
                change = true;
            }
            written[0] = change;
            return change;
        });
        if (written[0]) {
            writes.incrementAndGet();
        }
        if (stored.isPresent()) {
            clears.ifPresent(op -> accepted.remove(appName, op));
        }
        return stored.map(o -> o.path("metadata").path("resourceVersion").asText()).orElse(expectedVersion.orElse(""));
    }

    /** Whether the object's {@code .operation} is still the one taken. */
    boolean isOperation(ObjectNode object, Operation operation, ApplicationObjects.Ref ref) {
        if (!object.path("operation").isObject()) {
            return false;
        }
        try {
            return operations.read(object.path("operation"), ref + " .operation").equals(operation);
        } catch (GitOpsException e) {
            return false;
        }
    }

    @Override
    public void delete(String appName) {
        accepted.remove(appName);   // the object goes with its finalizer; nothing else to remove
    }

    /** The status as the API server hands it back (numbers as the smallest node type), so that equal statuses compare equal. */
    private static ObjectNode normalized(ObjectNode status) {
        try {
            return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(status));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a status as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String attemptJson(SyncAttempt attempt) {
        ObjectNode json = MAPPER.createObjectNode().put("revision", attempt.revision());
        json.set("source", specs.write(attempt.source()));
        json.put("phase", attempt.phase().displayName()).put("message", attempt.message())
                .put("finishedAt", attempt.finishedAt().toString()).put("selfHealAttempts", attempt.selfHealAttempts());
        return json.toString();
    }

    private Optional<SyncAttempt> lastSyncAttempt(ObjectNode object, ApplicationStatus status, ApplicationObjects.Ref ref) {
        String annotation = KubernetesObjects.annotation(object, LAST_SYNC_ANNOTATION);
        if (!annotation.isEmpty()) {
            try {
                JsonNode json = MAPPER.readTree(annotation);
                OperationPhase phase = Arrays.stream(OperationPhase.values())
                        .filter(p -> p.displayName().equals(json.path("phase").asText())).findFirst()
                        .orElseThrow(() -> new GitOpsException("no phase"));
                return Optional.of(new SyncAttempt(json.path("revision").asText(),
                        specs.readSource(json.path("source"), ref + " annotation " + LAST_SYNC_ANNOTATION), phase,
                        json.path("message").asText(""), Instant.parse(json.path("finishedAt").asText()),
                        json.path("selfHealAttempts").asInt(0)));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("{}: annotation {} cannot be read ({}); the last sync is taken from status.operationState",
                        ref, LAST_SYNC_ANNOTATION, e.getMessage());
            }
        }
        return status.operationState().filter(OperationState::isCompleted)
                .filter(s -> !s.operation().dryRun()
                        && (s.operation().isWholeSync() || s.operation().initiatedBy().automated()))
                .flatMap(s -> appSource(object, ref).map(appSource -> new SyncAttempt(
                        s.syncResult().map(r -> r.revision()).orElse(s.operation().revision()),
                        s.operation().source().orElse(appSource), s.phase(), s.message(),
                        s.finishedAt().orElse(s.startedAt()),
                        s.operation().initiatedBy().automated() ? s.operation().selfHealAttemptsCount() : 0)));
    }

    private Optional<ApplicationSource> appSource(ObjectNode object, ApplicationObjects.Ref ref) {
        try {
            return Optional.of(specs.readSource(object.at("/spec/source"), ref + " spec.source"));
        } catch (GitOpsException e) {
            return Optional.empty();
        }
    }
}
