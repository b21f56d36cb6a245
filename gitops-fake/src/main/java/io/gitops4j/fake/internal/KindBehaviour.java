package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.Json;
import java.util.Set;

/**
 * What an API server and its built-in controllers write into objects of particular kinds as they
 * are stored, beyond the defaults of {@link io.gitops4j.diff.defaults.ServerDefaults}: a
 * Namespace's spec kept across updates; the data of Secrets and ConfigMaps (see
 * {@link ConfigData}); a CustomResourceDefinition's accepted names and Established condition; a new Pod's Pending phase and QoS class. Also which kinds track
 * {@code metadata.generation}.
 */
final class KindBehaviour {

    /** Built-in API groups whose kinds all track metadata.generation. */
    private static final Set<String> GENERATION_GROUPS = Set.of("apps", "batch", "networking.k8s.io", "policy",
            "autoscaling", "admissionregistration.k8s.io", "flowcontrol.apiserver.k8s.io", "apiextensions.k8s.io");
    private static final Set<String> GENERATION_CORE_KINDS = Set.of("Pod", "ReplicationController");

    private KindBehaviour() {
    }

    /**
     * Whether objects of this type carry {@code metadata.generation}: workloads and most
     * spec-bearing kinds, every custom resource; not ConfigMaps, Secrets, Services, Namespaces,
     * RBAC objects and the like.
     */
    static boolean tracksGeneration(ResourceType type, boolean custom) {
        return custom || GENERATION_GROUPS.contains(type.group())
                || (type.group().isEmpty() && GENERATION_CORE_KINDS.contains(type.kind()));
    }

    /**
     * Fills in what the server writes into an object about to be stored.
     *
     * @param previous the stored object it replaces, or {@code null} on create
     * @param now the current time
     */
    static void beforeStore(ResourceType type, ObjectNode object, ObjectNode previous, String now) {
        switch (type.groupKind()) {
            case "/Namespace" -> namespace(object, previous);
            case "/Secret" -> ConfigData.secret(type, object, previous);
            case "/ConfigMap" -> ConfigData.configMap(type, object);
            case "apiextensions.k8s.io/CustomResourceDefinition" -> customResourceDefinition(object, now);
            case "/Pod" -> {
                if (previous == null) {
                    newPod(object);
                }
            }
            default -> {
            }
        }
    }

    /** A Namespace's spec finalizers change only through the finalize subresource, never by an update. */
    private static void namespace(ObjectNode namespace, ObjectNode previous) {
        if (previous != null) {
            namespace.set("spec", previous.path("spec").deepCopy());
        }
    }

    private static void customResourceDefinition(ObjectNode crd, String now) {
        JsonNode spec = crd.path("spec");
        ObjectNode status = Json.object();
        status.set("acceptedNames", spec.path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
                .put("message", "no conflicts found").put("lastTransitionTime", now);
        conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
                .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
        ArrayNode storedVersions = status.putArray("storedVersions");
        for (JsonNode version : spec.path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                storedVersions.add(version.path("name").asText());
            }
        }
        crd.set("status", status);
    }

    private static void newPod(ObjectNode pod) {
        ObjectNode status = Json.object().put("phase", "Pending").put("qosClass", qosClass(pod.path("spec")));
        pod.set("status", status);
    }

    /** Kubernetes' QoS class: BestEffort without requests and limits, Guaranteed when they are all equal. */
    private static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : spec.path(list)) {
                JsonNode requests = container.path("resources").path("requests");
                JsonNode limits = container.path("resources").path("limits");
                any |= !requests.isEmpty() || !limits.isEmpty();
                for (String resource : new String[] {"cpu", "memory"}) {
                    JsonNode limit = limits.path(resource);
                    JsonNode request = requests.path(resource);
                    guaranteed &= !limit.isMissingNode() && (request.isMissingNode() || request.equals(limit));
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
