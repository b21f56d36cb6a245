package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the API server fills into core (v1) kinds other than Services. */
final class CoreDefaults {

    private CoreDefaults() {
    }

    static void pod(ObjectNode object) {
        PodSpecDefaults.pod(Nodes.object(object, "spec"));
    }

    static void podTemplate(ObjectNode object) {
        Nodes.ifObject(object, "template", template -> Nodes.ifObject(template, "spec", PodSpecDefaults::apply));
    }

    /** A Namespace gets the {@code kubernetes} finalizer, its name label and phase Active. */
    static void namespace(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        if (Nodes.absent(spec, "finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        }
        String name = object.path("metadata").path("name").asText("");
        if (!name.isEmpty()) {
            Nodes.putIfAbsent(Nodes.object(Nodes.object(object, "metadata"), "labels"), "kubernetes.io/metadata.name", name);
        }
        Nodes.putIfAbsent(Nodes.object(object, "status"), "phase", "Active");
    }

    static void secret(ObjectNode object) {
        Nodes.putIfAbsent(object, "type", "Opaque");
    }

    static void persistentVolumeClaim(ObjectNode object) {
        persistentVolumeClaimSpec(Nodes.object(object, "spec"));
        Nodes.putIfAbsent(Nodes.object(object, "status"), "phase", "Pending");
    }

    static void persistentVolumeClaimSpec(ObjectNode spec) {
        Nodes.putIfAbsent(spec, "volumeMode", "Filesystem");
    }

    static void persistentVolume(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "persistentVolumeReclaimPolicy", "Retain");
        Nodes.putIfAbsent(spec, "volumeMode", "Filesystem");
        Nodes.putIfAbsent(Nodes.object(object, "status"), "phase", "Pending");
    }

    static void endpoints(ObjectNode object) {
        Nodes.forEachItem(object, "subsets", subset -> Nodes.forEachItem(subset, "ports",
                port -> Nodes.putIfAbsent(port, "protocol", "TCP")));
    }

    /** Services: type, session affinity, ports, traffic policies and a single-stack IPv4 family. */
    static void service(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        Nodes.putIfAbsent(spec, "sessionAffinity", "None");
        if ("ClientIP".equals(spec.path("sessionAffinity").asText())) {
            Nodes.putIfAbsent(Nodes.object(Nodes.object(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds", 10800);
        }
        Nodes.forEachItem(spec, "ports", port -> {
            Nodes.putIfAbsent(port, "protocol", "TCP");
            if (Nodes.absent(port, "targetPort") && port.has("port")) {
                port.set("targetPort", port.get("port"));
            }
        });
        if ("ExternalName".equals(type)) {
            return;
        }
        Nodes.putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
            Nodes.putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        if ("LoadBalancer".equals(type)) {
            Nodes.putIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
        }
        if (!Nodes.absent(spec, "clusterIP") && Nodes.absent(spec, "clusterIPs")) {
            spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
        }
        if (Nodes.absent(spec, "ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        Nodes.putIfAbsent(spec, "ipFamilyPolicy", spec.get("ipFamilies").size() > 1
                ? "RequireDualStack" : "SingleStack");
    }
}
