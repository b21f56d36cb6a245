package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;
import java.util.Set;

/**
 * {@code autoscaling/HorizontalPodAutoscaler}, every version: the conditions come from
 * {@code status.conditions} (v2, v2beta1, v2beta2) or, for v1, from the
 * {@code autoscaling.alpha.kubernetes.io/conditions} annotation. Any condition saying the
 * autoscaler cannot get the scale or a metric is Degraded; otherwise {@code AbleToScale} or
 * {@code ScalingLimited} being true is Healthy; otherwise it is Progressing.
 */
final class HorizontalPodAutoscalerHealth implements HealthCheck {

    static final String V1_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";

    private static final Health WAITING = Health.progressing("Waiting to Autoscale");

    private static final Set<String> DEGRADED = Set.of(
            "AbleToScale/FailedGetScale",
            "AbleToScale/FailedUpdateScale",
            "ScalingActive/FailedGetResourceMetric",
            "ScalingActive/FailedGetObjectMetric",
            "ScalingActive/FailedGetPodsMetric",
            "ScalingActive/FailedGetExternalMetric",
            "ScalingActive/FailedComputeMetricsReplicas",
            "ScalingActive/InvalidSelector");

    @Override
    public Optional<Health> check(JsonNode hpa) {
        return Optional.of(judge(conditions(hpa)));
    }

    private static JsonNode conditions(JsonNode hpa) {
        if (!"autoscaling/v1".equals(KubernetesObjects.apiVersion(hpa))) {
            return hpa.path("status").path("conditions");
        }
        String annotation = KubernetesObjects.annotation(hpa, V1_CONDITIONS_ANNOTATION);
        if (annotation.isEmpty()) {
            return Json.mapper().createArrayNode();
        }
        try {
            return Json.mapper().readTree(annotation);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("failed to convert conditions annotation to typed: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Health judge(JsonNode conditions) {
        for (JsonNode condition : conditions) {
            if (DEGRADED.contains(text(condition.path("type")) + "/" + text(condition.path("reason")))) {
                return Health.degraded(text(condition.path("message")));
            }
        }
        for (JsonNode condition : conditions) {
            String type = text(condition.path("type"));
            if (("AbleToScale".equals(type) || "ScalingLimited".equals(type))
                    && "True".equals(text(condition.path("status")))) {
                return Health.healthy(text(condition.path("message")));
            }
        }
        return WAITING;
    }
}
