package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code Pod}: Argo CD's rules. A long-running pod ({@code restartPolicy: Always}) with a
 * container waiting on an error or back-off ({@code CrashLoopBackOff}, {@code ImagePullBackOff},
 * {@code ErrImagePull}, {@code CreateContainerConfigError} ...) is Degraded; otherwise the phase
 * decides. Running pods that may finish ({@code OnFailure}, {@code Never}: hooks, mostly) stay
 * Progressing until they succeed.
 */
final class PodHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode pod) {
        JsonNode status = pod.path("status");
        String restartPolicy = text(pod.path("spec").path("restartPolicy"));
        boolean restartsAlways = restartPolicy.isEmpty() || "Always".equals(restartPolicy);
        String podMessage = text(status.path("message"));
        if (restartsAlways) {
            List<String> waitingErrors = new ArrayList<>();
            for (JsonNode container : status.path("containerStatuses")) {
                JsonNode waiting = container.path("state").path("waiting");
                if (waiting.isObject() && isErrorReason(text(waiting.path("reason")))) {
                    waitingErrors.add(text(waiting.path("message")));
                }
            }
            if (!waitingErrors.isEmpty()) {
                return Optional.of(Health.degraded(String.join(", ", waitingErrors)));
            }
        }
        switch (text(status.path("phase"))) {
            case "Pending":
                return Optional.of(Health.progressing(podMessage));
            case "Succeeded":
                return Optional.of(Health.healthy(podMessage));
            case "Failed":
                return Optional.of(Health.degraded(podMessage.isEmpty() ? failureOfContainers(status) : podMessage));
            case "Running":
                return Optional.of(runningHealth(pod, restartsAlways, restartPolicy, podMessage));
            default:
                return Optional.of(Health.unknown(podMessage));
        }
    }

    private static Health runningHealth(JsonNode pod, boolean restartsAlways, String restartPolicy, String message) {
        if (restartsAlways) {
            if (ObjectFields.conditionIsTrue(pod, "Ready")) {
                return Health.healthy(message);
            }
            for (JsonNode container : pod.path("status").path("containerStatuses")) {
                if (container.path("lastState").path("terminated").isObject()) {
                    return Health.degraded(message);
                }
            }
            return Health.progressing(message);
        }
        return "OnFailure".equals(restartPolicy) || "Never".equals(restartPolicy)
                ? Health.progressing(message)
                : Health.unknown(message);
    }

    /** Container reasons that mean it cannot start: {@code Err*}, {@code *Error}, {@code *BackOff}. */
    private static boolean isErrorReason(String reason) {
        return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");
    }

    private static String failureOfContainers(JsonNode status) {
        List<JsonNode> containers = new ArrayList<>();
        status.path("initContainerStatuses").forEach(containers::add);
        status.path("containerStatuses").forEach(containers::add);
        for (JsonNode container : containers) {
            JsonNode terminated = container.path("state").path("terminated");
            if (!terminated.isObject()) {
                continue;
            }
            String message = text(terminated.path("message"));
            if (!message.isEmpty()) {
                return message;
            }
            if ("OOMKilled".equals(text(terminated.path("reason")))) {
                return "OOMKilled";
            }
            long exitCode = ObjectFields.number(terminated.path("exitCode"), 0);
            if (exitCode != 0) {
                return "container \"" + text(container.path("name")) + "\" failed with exit code " + exitCode;
            }
        }
        return "";
    }
}
