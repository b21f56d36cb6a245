package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the API server fills into a container (also init and ephemeral containers). */
final class ContainerDefaults {

    private ContainerDefaults() {
    }

    static void apply(ObjectNode container) {
        Nodes.putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        Nodes.putIfAbsent(container, "terminationMessagePolicy", "File");
        Nodes.putIfAbsent(container, "imagePullPolicy", pullPolicyOf(container.path("image").asText("")));
        Nodes.object(container, "resources");
        Nodes.forEachItem(container, "ports", port -> Nodes.putIfAbsent(port, "protocol", "TCP"));
        Nodes.forEachItem(container, "env", env -> Nodes.ifObject(env.get("valueFrom"), "fieldRef",
                ref -> Nodes.putIfAbsent(ref, "apiVersion", "v1")));
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            Nodes.ifObject(container, probe, ContainerDefaults::probe);
        }
        Nodes.ifObject(container, "lifecycle", lifecycle -> {
            Nodes.ifObject(lifecycle, "postStart", ContainerDefaults::handler);
            Nodes.ifObject(lifecycle, "preStop", ContainerDefaults::handler);
        });
    }

    /**
     * {@code Always} for an image without a tag or tagged {@code latest}, else
     * {@code IfNotPresent}; an image pinned by digest is {@code IfNotPresent}.
     */
    static String pullPolicyOf(String image) {
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int lastSlash = image.lastIndexOf('/');
        int colon = image.indexOf(':', lastSlash + 1);
        if (colon < 0) {
            return "Always";
        }
        return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    /** A Pod (not a template) gets requests equal to its limits where it sets none. */
    static void requestsFromLimits(ObjectNode container) {
        ObjectNode resources = Nodes.objectAt(container, "resources");
        ObjectNode limits = resources == null ? null : Nodes.objectAt(resources, "limits");
        if (limits == null || limits.isEmpty()) {
            return;
        }
        ObjectNode requests = Nodes.object(resources, "requests");
        limits.properties().forEach(limit -> {
            if (!requests.has(limit.getKey())) {
                requests.set(limit.getKey(), limit.getValue().deepCopy());
            }
        });
    }

    private static void probe(ObjectNode probe) {
        Nodes.putIfAbsent(probe, "timeoutSeconds", 1);
        Nodes.putIfAbsent(probe, "periodSeconds", 10);
        Nodes.putIfAbsent(probe, "successThreshold", 1);
        Nodes.putIfAbsent(probe, "failureThreshold", 3);
        handler(probe);
        Nodes.ifObject(probe, "grpc", grpc -> Nodes.putIfAbsent(grpc, "service", ""));
    }

    private static void handler(ObjectNode handler) {
        JsonNode httpGet = handler.get("httpGet");
        if (httpGet instanceof ObjectNode get) {
            Nodes.putIfAbsent(get, "path", "/");
            Nodes.putIfAbsent(get, "scheme", "HTTP");
        }
    }
}
