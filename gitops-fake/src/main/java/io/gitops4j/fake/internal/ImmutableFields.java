package io.gitops4j.fake.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of built-in kinds that a Kubernetes API server refuses to change after creation
 * (422), the source of GitOps' classic "field is immutable" sync errors: workload selectors, a
 * Job's pod template, a StatefulSet's spec outside the few updatable fields, a binding's
 * roleRef, the data of ConfigMaps and Secrets marked {@code immutable}, a Service's clusterIP.
 */
final class ImmutableFields {

    private static final Map<String, List<JsonPointer>> IMMUTABLE_BY_GROUP_KIND = pointers(Map.of(
            "apps/Deployment", List.of("/spec/selector"),
            "apps/ReplicaSet", List.of("/spec/selector"),
            "apps/DaemonSet", List.of("/spec/selector"),
            "batch/Job", List.of("/spec/selector", "/spec/template", "/spec/completionMode"),
            "rbac.authorization.k8s.io/RoleBinding", List.of("/roleRef"),
            "rbac.authorization.k8s.io/ClusterRoleBinding", List.of("/roleRef"),
            "apiextensions.k8s.io/CustomResourceDefinition", List.of("/spec/scope", "/spec/group")));
    private static final List<String> STATEFULSET_UPDATABLE = List.of("replicas", "ordinals", "template",
            "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    private ImmutableFields() {
    }

    /** Checks an update of {@code previous} to {@code updated}; throws 422 naming every immutable field changed. */
    static void check(ResourceType type, ObjectNode previous, ObjectNode updated) {
        String groupKind = type.groupKind();
        List<String> problems = new ArrayList<>();
        for (JsonPointer pointer : IMMUTABLE_BY_GROUP_KIND.getOrDefault(groupKind, List.of())) {
            JsonNode before = previous.at(pointer);
            JsonNode after = updated.at(pointer);
            if (!before.equals(after)) {
                JsonNode shown = after.isMissingNode() ? NullNode.getInstance() : after;
                problems.add(pointer.toString().substring(1).replace('/', '.') + ": Invalid value: " + Json.write(shown)
                        + ": field is immutable");
            }
        }
        switch (groupKind) {
            case "apps/StatefulSet" -> checkStatefulSet(previous, updated, problems);
            case "/ConfigMap", "/Secret" -> checkImmutableData(previous, updated, problems);
            case "/Service" -> checkClusterIp(previous, updated, problems);
            default -> {
            }
        }
        if (!problems.isEmpty()) {
            throw ApiErrors.invalid(type, KubernetesObjects.name(updated), problems);
        }
    }

    private static void checkStatefulSet(ObjectNode previous, ObjectNode updated, List<String> problems) {
        if (!withoutFields(previous.path("spec"), STATEFULSET_UPDATABLE)
                .equals(withoutFields(updated.path("spec"), STATEFULSET_UPDATABLE))) {
            problems.add("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                    + "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' "
                    + "are forbidden");
        }
    }

    private static void checkImmutableData(ObjectNode previous, ObjectNode updated, List<String> problems) {
        if (!previous.path("immutable").asBoolean(false)) {
            return;
        }
        if (!updated.path("immutable").asBoolean(false)) {
            problems.add("immutable: Forbidden: field is immutable when `immutable` is set");
        }
        for (String field : List.of("data", "binaryData")) {
            if (!previous.path(field).equals(updated.path(field))) {
                problems.add(field + ": Forbidden: field is immutable when `immutable` is set");
            }
        }
    }

    private static void checkClusterIp(ObjectNode previous, ObjectNode updated, List<String> problems) {
        String before = previous.path("spec").path("clusterIP").asText("");
        String after = updated.path("spec").path("clusterIP").asText("");
        if (!before.isEmpty() && !after.isEmpty() && !before.equals(after)) {
            problems.add("spec.clusterIPs[0]: Invalid value: \"" + after + "\": may not change once set");
        }
    }

    private static Map<String, List<JsonPointer>> pointers(Map<String, List<String>> paths) {
        Map<String, List<JsonPointer>> compiled = new HashMap<>();
        paths.forEach((groupKind, list) -> compiled.put(groupKind, list.stream().map(JsonPointer::compile).toList()));
        return Map.copyOf(compiled);
    }

    private static JsonNode withoutFields(JsonNode spec, List<String> fields) {
        if (!(spec instanceof ObjectNode object)) {
            return spec;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(fields);
        return copy;
    }
}
