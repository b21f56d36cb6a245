package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.LabelSelector;
import java.util.Optional;

/**
 * The {@code scale} subresource, as an autoscaler, {@code kubectl scale} or fabric8's
 * {@code scale(n)} use it: an {@code autoscaling/v1} Scale read from an object (desired replicas,
 * current replicas, label selector in its string form) and a replica count written back into it.
 *
 * <p>Deployments, ReplicaSets, StatefulSets and ReplicationControllers have it, at
 * {@code .spec.replicas} and {@code .status.replicas}, with the selector of {@code .spec.selector};
 * a custom resource has it when its CustomResourceDefinition's served version declares
 * {@code subresources.scale}, at the paths it names ({@code specReplicasPath},
 * {@code statusReplicasPath}, and the optional {@code labelSelectorPath} of a string).
 *
 * @param specReplicas the path of the desired replicas, such as {@code .spec.replicas}
 * @param statusReplicas the path of the current replicas
 * @param labelSelector the path of a selector string, empty for the built-in kinds' {@code .spec.selector}
 */
record ScaleSubresource(String specReplicas, String statusReplicas, String labelSelector) {

    /** The type of Scale objects. */
    static final ResourceType SCALE = new ResourceType("autoscaling", "v1", "Scale", "scale", true);

    private static final ScaleSubresource BUILT_IN = new ScaleSubresource(".spec.replicas", ".status.replicas", "");

    /**
     * The scale subresource of a served type, if it has one.
     *
     * @param crd the CustomResourceDefinition that defines the type, for a custom resource
     */
    static Optional<ScaleSubresource> of(ServedType served, Optional<ObjectNode> crd) {
        if (!served.subresources().contains("scale")) {
            return Optional.empty();
        }
        if (crd.isEmpty()) {
            return Optional.of(BUILT_IN);
        }
        for (JsonNode version : crd.get().path("spec").path("versions")) {
            JsonNode scale = version.path("subresources").path("scale");
            if (version.path("name").asText().equals(served.type().version()) && scale.isObject()) {
                return Optional.of(new ScaleSubresource(scale.path("specReplicasPath").asText(".spec.replicas"),
                        scale.path("statusReplicasPath").asText(".status.replicas"),
                        scale.path("labelSelectorPath").asText("")));
            }
        }
        return Optional.empty();
    }

    /** The Scale of an object, as the API server answers a read of its scale subresource. */
    ObjectNode scaleOf(ObjectNode object) {
        ObjectNode scale = Json.object().put("kind", SCALE.kind()).put("apiVersion", SCALE.apiVersion());
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode objectMetadata = object.path("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (objectMetadata.hasNonNull(field)) {
                metadata.set(field, objectMetadata.get(field));
            }
        }
        scale.putObject("spec").put("replicas", at(object, specReplicas).asInt(0));
        ObjectNode status = scale.putObject("status").put("replicas", at(object, statusReplicas).asInt(0));
        String selector = selectorOf(object);
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /**
     * A copy of {@code object} with the replicas a Scale asks for, and the Scale's resourceVersion
     * (when it gives one) as the precondition of the update.
     *
     * @throws io.gitops4j.cluster.ClusterException 422 when the Scale asks for no or a negative number of replicas
     */
    ObjectNode scaled(ResourceType type, ObjectNode object, ObjectNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        String name = KubernetesObjects.name(object);
        if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > Integer.MAX_VALUE) {
            throw ApiErrors.invalid(SCALE, name, "spec.replicas: Invalid value: " + replicas
                    + ": must be an integer greater than or equal to 0");
        }
        String scaleName = scale.path("metadata").path("name").asText("");
        if (!scaleName.isEmpty() && !scaleName.equals(name)) {
            throw ApiErrors.badRequest("the name of the Scale (" + scaleName + ") does not match the name of the "
                    + ApiErrors.resource(type) + " (" + name + ")");
        }
        ObjectNode candidate = object.deepCopy();
        // The server records the write's managedFields; a candidate carrying them would set them as a client does.
        KubernetesObjects.metadata(candidate).remove("managedFields");
        set(candidate, specReplicas, replicas.asInt());
        String resourceVersion = scale.path("metadata").path("resourceVersion").asText("");
        if (!resourceVersion.isEmpty()) {
            KubernetesObjects.metadata(candidate).put("resourceVersion", resourceVersion);
        }
        return candidate;
    }

    private String selectorOf(ObjectNode object) {
        if (!labelSelector.isEmpty()) {
            return at(object, labelSelector).asText("");
        }
        JsonNode selector = object.path("spec").path("selector");
        if (object.path("kind").asText().equals("ReplicationController")) {
            ObjectNode asLabelSelector = Json.object();
            asLabelSelector.set("matchLabels", selector.isObject() ? selector
                    : object.path("spec").path("template").path("metadata").path("labels"));
            selector = asLabelSelector;
        }
        return selector.isObject() ? LabelSelector.fromJson(selector).toString() : "";
    }

    /** The value at a path of the form {@code .a.b}, missing when absent. */
    private static JsonNode at(JsonNode object, String path) {
        JsonNode node = object;
        for (String field : fields(path)) {
            node = node.path(field);
        }
        return node;
    }

    private static void set(ObjectNode object, String path, int value) {
        String[] fields = fields(path);
        ObjectNode parent = object;
        for (int i = 0; i < fields.length - 1; i++) {
            parent = parent.get(fields[i]) instanceof ObjectNode child ? child : parent.putObject(fields[i]);
        }
        parent.put(fields[fields.length - 1], value);
    }

    private static String[] fields(String path) {
        return (path.startsWith(".") ? path.substring(1) : path).split("\\.");
    }
}
