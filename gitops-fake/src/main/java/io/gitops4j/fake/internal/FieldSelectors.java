package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.FieldSelector;
import io.gitops4j.cluster.ResourceType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields a Kubernetes API server lets clients select on, per kind: {@code metadata.name} and
 * {@code metadata.namespace} everywhere, and the few extra fields the built-in kinds register
 * (a Pod's {@code spec.nodeName} and {@code status.phase}, an Event's {@code involvedObject.*}, ...).
 */
final class FieldSelectors {

    private static final List<String> COMMON = List.of("metadata.name", "metadata.namespace");
    private static final Map<String, List<String>> EXTRA_BY_GROUP_KIND = Map.of(
            "/Pod", List.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "/Event", List.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "/Secret", List.of("type"),
            "/Namespace", List.of("status.phase"),
            "/Node", List.of("spec.unschedulable"),
            "/ReplicationController", List.of("status.replicas"),
            "apps/ReplicaSet", List.of("status.replicas"),
            "batch/Job", List.of("status.successful"));

    private FieldSelectors() {
    }

    /**
     * A predicate selecting the objects of {@code type} whose fields match {@code selector}.
     *
     * @throws ClusterException 400 when the selector names a field the type does not support
     */
    static Predicate<JsonNode> predicate(ResourceType type, FieldSelector selector) {
        if (selector.isEverything()) {
            return object -> true;
        }
        Set<String> supported = new HashSet<>(COMMON);
        supported.addAll(EXTRA_BY_GROUP_KIND.getOrDefault(type.groupKind(), List.of()));
        for (FieldSelector.Requirement requirement : selector.requirements()) {
            if (!supported.contains(requirement.field())) {
                throw new ClusterException(400, "field label not supported: " + requirement.field()
                        + " (" + type.kind() + " supports " + String.join(", ", supported.stream().sorted().toList()) + ")");
            }
        }
        return object -> selector.matches(values(object, selector));
    }

    private static Map<String, String> values(JsonNode object, FieldSelector selector) {
        Map<String, String> values = new HashMap<>();
        for (FieldSelector.Requirement requirement : selector.requirements()) {
            JsonNode node = object;
            for (String part : requirement.field().split("\\.")) {
                node = node.path(part);
            }
            values.put(requirement.field(), node.isValueNode() ? node.asText() : "");
        }
        return values;
    }
}
