package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.number;
import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.k8s.health.HealthStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code argoproj.io/Rollout} (Argo Rollouts), as Argo CD judges it, in this order:
 * <ol>
 *   <li>a spec (or, with {@code workloadRef}, a referenced workload's generation) the controller
 *       has not observed yet is Progressing;</li>
 *   <li>a {@code status.phase} (Argo Rollouts 1.0 and later) decides, with {@code status.message}:
 *       {@code Paused} is Suspended, the others are Argo CD's statuses by name;</li>
 *   <li>an {@code InvalidSpec} condition, or a {@code Progressing} one with reason
 *       {@code RolloutAborted} or {@code ProgressDeadlineExceeded}, is Degraded;</li>
 *   <li>pause conditions or {@code spec.paused} are Suspended;</li>
 *   <li>a status without {@code currentPodHash}, replicas not all updated or not all
 *       available, a blue-green rollout whose active service does not select the current pods
 *       or whose stable ReplicaSet is not the current one, a canary one with old replicas left
 *       or steps still to run: Progressing;</li>
 *   <li>otherwise Healthy.</li>
 * </ol>
 * Older controllers wrote a hash into {@code status.observedGeneration}; one that does not read
 * as a number, or reads as more than the generation, counts as observed. A status with neither
 * a phase nor a conditions list, or a spec without a strategy, is Unknown, as in Argo CD, whose
 * script fails on them.
 */
final class RolloutHealth implements HealthCheck {

    static final String WORKLOAD_GENERATION = "rollout.argoproj.io/workload-generation";

    private static final Set<String> DEGRADED_PROGRESS = Set.of("RolloutAborted", "ProgressDeadlineExceeded");

    @Override
    public Optional<Health> check(JsonNode rollout) {
        JsonNode status = rollout.path("status");
        if (!generationObserved(rollout) || !workloadGenerationObserved(rollout)) {
            return Optional.of(Health.progressing("Waiting for rollout spec update to be observed"));
        }
        if (present(status.path("phase"))) {
            return Optional.of(phase(text(status.path("phase")), text(status.path("message"))));
        }
        if (!present(status.path("conditions"))) {
            return Optional.of(Health.unknown("Rollout status has neither a phase nor conditions: cannot judge it"));
        }
        for (JsonNode condition : status.path("conditions")) {
            String type = text(condition.path("type"));
            if ("InvalidSpec".equals(type)
                    || "Progressing".equals(type) && DEGRADED_PROGRESS.contains(text(condition.path("reason")))) {
                return Optional.of(Health.degraded(text(condition.path("message"))));
            }
        }
        if (status.path("pauseConditions").size() > 0 || luaTrue(rollout.path("spec").path("paused"))) {
            return Optional.of(Health.suspended("Rollout is paused"));
        }
        return Optional.of(rollingOut(rollout).orElse(Health.healthy("")));
    }

    private static Health phase(String phase, String message) {
        if ("Paused".equals(phase)) {
            return Health.suspended(message);
        }
        return HealthStatus.fromDisplayName(phase).map(s -> new Health(s, message))
                .orElse(Health.unknown("Rollout phase \"" + phase + "\" is not a health status"));
    }

    /** Why the rollout is still Progressing once nothing above decided, if it is. */
    private static Optional<Health> rollingOut(JsonNode rollout) {
        JsonNode spec = rollout.path("spec");
        JsonNode status = rollout.path("status");
        if (!present(status.path("currentPodHash"))) {
            return progressing("Waiting for rollout to finish: status has not been reconciled.");
        }
        String currentPodHash = text(status.path("currentPodHash"));
        long desired = number(spec.path("replicas"), 1);
        long replicas = number(status.path("replicas"), 0);
        long updated = number(status.path("updatedReplicas"), 0);
        long available = number(status.path("availableReplicas"), 0);
        if (updated < desired) {
            return progressing("Waiting for roll out to finish: More replicas need to be updated");
        }
        if (available < updated) {
            return progressing("Waiting for roll out to finish: updated replicas are still becoming available");
        }
        if (!present(spec.path("strategy"))) {
            return Optional.of(Health.unknown("Rollout has no spec.strategy: cannot judge it"));
        }
        String stableRS = stableReplicaSet(status);
        if (present(spec.path("strategy").path("blueGreen"))) {
            if (!currentPodHash.equals(status.path("blueGreen").path("activeSelector").asText(null))) {
                return progressing("active service cutover pending");
            }
            if (!"".equals(stableRS) && !currentPodHash.equals(stableRS)) {
                return progressing("waiting for analysis to complete");
            }
        } else if (present(spec.path("strategy").path("canary"))) {
            if (replicas > updated) {
                return progressing("Waiting for roll out to finish: old replicas are pending termination");
            }
            if ("".equals(stableRS) || !currentPodHash.equals(stableRS)) {
                return progressing("Waiting for rollout to finish steps");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code status.stableRS}, else (before Argo Rollouts 0.8) {@code status.canary.stableRS},
     * which may be absent ({@code null}); {@code ""} when the status has neither place.
     */
    private static String stableReplicaSet(JsonNode status) {
        if (present(status.path("stableRS"))) {
            return text(status.path("stableRS"));
        }
        if (present(status.path("canary"))) {
            JsonNode canaryStable = status.path("canary").path("stableRS");
            return present(canaryStable) ? text(canaryStable) : null;
        }
        return "";
    }

    private static boolean generationObserved(JsonNode rollout) {
        JsonNode status = rollout.path("status");
        if (!present(status)) {
            return false;
        }
        OptionalDouble observed = LuaNumbers.toNumber(status.path("observedGeneration"));
        double generation = number(rollout.path("metadata").path("generation"), 0);
        return observed.isEmpty() || observed.getAsDouble() >= generation;
    }

    private static boolean workloadGenerationObserved(JsonNode rollout) {
        JsonNode annotations = rollout.path("metadata").path("annotations");
        if (!present(rollout.path("spec").path("workloadRef")) || !present(annotations)) {
            return true;
        }
        return Objects.equals(LuaNumbers.toNumber(annotations.path(WORKLOAD_GENERATION)),
                LuaNumbers.toNumber(rollout.path("status").path("workloadObservedGeneration")));
    }

    /** Whether Lua would take the field as true: present and not {@code false}. */
    private static boolean luaTrue(JsonNode node) {
        return present(node) && !(node.isBoolean() && !node.booleanValue());
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    private static Optional<Health> progressing(String message) {
        return Optional.of(Health.progressing(message));
    }
}
