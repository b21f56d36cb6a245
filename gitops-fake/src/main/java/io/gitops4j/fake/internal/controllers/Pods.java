package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;

/** Pods as workload controllers make and judge them. */
final class Pods {

    private Pods() {
    }

    /**
     * A pod from the template of a workload, owned by it.
     *
     * @param generateName the name prefix, when {@code name} is empty
     * @param name a fixed name (StatefulSet pods), or empty
     */
    static ObjectNode fromTemplate(JsonNode owner, String generateName, String name) {
        JsonNode template = owner.path("spec").path("template");
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = template.path("metadata") instanceof ObjectNode m ? m.deepCopy() : Json.object();
        metadata.remove("name");
        if (name.isEmpty()) {
            metadata.put("generateName", generateName);
        } else {
            metadata.put("name", name);
        }
        metadata.put("namespace", KubernetesObjects.namespace(owner));
        metadata.putArray("ownerReferences").add(ControllerContext.controllerReference(owner));
        pod.set("metadata", metadata);
        pod.set("spec", template.path("spec") instanceof ObjectNode s ? s.deepCopy() : Json.object());
        return pod;
    }

    /** Whether a pod's Ready condition is True. */
    static boolean isReady(JsonNode pod) {
        return Conditions.find(pod.path("status"), "Ready").map(c -> c.path("status").asText().equals("True"))
                .orElse(false);
    }

    /** Whether a pod has finished, successfully or not. */
    static boolean isFinished(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** A label-map object with one more label. */
    static ObjectNode withLabel(JsonNode labels, String key, String value) {
        ObjectNode copy = labels instanceof ObjectNode l ? l.deepCopy() : Json.object();
        return copy.put(key, value);
    }
}
