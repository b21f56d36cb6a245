package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.k8s.health.builtin.HpaConditionsAnnotation.Condition;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code autoscaling/HorizontalPodAutoscaler}, as Argo CD 3.5 judges it. {@code autoscaling/v2}
 * reads {@code status.conditions}; {@code autoscaling/v1} reads the
 * {@code autoscaling.alpha.kubernetes.io/conditions} annotation ({@link HpaConditionsAnnotation}:
 * absent, {@code null} or {@code []} is "Waiting to Autoscale", an undecodable one is Unknown).
 * The conditions are read in order twice: the first that says the autoscaler cannot get the
 * scale or a metric makes it Degraded, whatever comes before it; failing that, the first true
 * {@code AbleToScale} or {@code ScalingLimited} makes it Healthy; otherwise it is Progressing.
 * Other versions (v2beta1, v2beta2, which Kubernetes stopped serving in 1.26) are not judged:
 * Unknown, as Argo CD 3.5 says.
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
        String apiVersion = KubernetesObjects.apiVersion(hpa);
        return Optional.of(switch (apiVersion) {
            case "autoscaling/v1" -> v1(hpa);
            case "autoscaling/v2" -> judge(statusConditions(hpa));
            default -> throw new IllegalArgumentException("unsupported HPA GVK: " + apiVersion
                    + ", Kind=HorizontalPodAutoscaler");
        });
    }

    private static Health v1(JsonNode hpa) {
        JsonNode annotation = hpa.path("metadata").path("annotations").get(V1_CONDITIONS_ANNOTATION);
        if (annotation == null) {
            return WAITING;
        }
        if (!annotation.isTextual()) {
            throw new IllegalArgumentException("failed to convert unstructured HPA to typed: the annotation "
                    + V1_CONDITIONS_ANNOTATION + " is not a string");
        }
        return judge(HpaConditionsAnnotation.decode(annotation.asText()));
    }

    private static List<Condition> statusConditions(JsonNode hpa) {
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode condition : hpa.path("status").path("conditions")) {
            conditions.add(new Condition(text(condition.path("type")), text(condition.path("reason")),
                    text(condition.path("message")), text(condition.path("status"))));
        }
        return conditions;
    }

    private static Health judge(List<Condition> conditions) {
        for (Condition condition : conditions) {
            if (DEGRADED.contains(condition.type() + "/" + condition.reason())) {
                return Health.degraded(condition.message());
            }
        }
        for (Condition condition : conditions) {
            if (("AbleToScale".equals(condition.type()) || "ScalingLimited".equals(condition.type()))
                    && "True".equals(condition.status())) {
                return Health.healthy(condition.message());
            }
        }
        return WAITING;
    }
}
