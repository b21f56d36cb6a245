package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the API server fills into a pod spec, in a Pod or in a workload's pod template. */
final class PodSpecDefaults {

    private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};

    private PodSpecDefaults() {
    }

    /** Defaults of {@code template.spec} of a workload (Deployment, Job, ...). */
    static void template(ObjectNode workloadSpec) {
        Nodes.ifObject(workloadSpec, "template", template -> Nodes.ifObject(template, "spec", PodSpecDefaults::apply));
    }

    static void apply(ObjectNode spec) {
        Nodes.putIfAbsent(spec, "restartPolicy", "Always");
        Nodes.putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        Nodes.putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        Nodes.putIfAbsent(spec, "schedulerName", "default-scheduler");
        Nodes.object(spec, "securityContext");
        serviceAccountAlias(spec);
        for (String list : CONTAINER_LISTS) {
            Nodes.forEachItem(spec, list, ContainerDefaults::apply);
        }
        if (spec.path("hostNetwork").asBoolean(false)) {
            for (String list : CONTAINER_LISTS) {
                Nodes.forEachItem(spec, list, container -> Nodes.forEachItem(container, "ports",
                        port -> {
                            if (Nodes.absent(port, "hostPort") && port.has("containerPort")) {
                                port.set("hostPort", port.get("containerPort"));
                            }
                        }));
            }
        }
        Nodes.forEachItem(spec, "volumes", VolumeDefaults::apply);
    }

    /**
     * Defaults only a Pod gets, not a pod template: service links, requests from limits, and
     * what the default admission plugins add (the {@code default} service account, priority 0,
     * the not-ready and unreachable tolerations of 300 seconds).
     */
    static void pod(ObjectNode spec) {
        apply(spec);
        Nodes.putIfAbsent(spec, "enableServiceLinks", true);
        Nodes.putIfAbsent(spec, "serviceAccountName", "default");
        serviceAccountAlias(spec);
        if (Nodes.absent(spec, "priorityClassName")) {
            Nodes.putIfAbsent(spec, "priority", 0);
        }
        Nodes.putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
        for (String list : CONTAINER_LISTS) {
            Nodes.forEachItem(spec, list, ContainerDefaults::requestsFromLimits);
        }
        toleration(spec, "node.kubernetes.io/not-ready");
        toleration(spec, "node.kubernetes.io/unreachable");
    }

    /** {@code serviceAccount} is the deprecated alias of {@code serviceAccountName}; the server fills either from the other. */
    private static void serviceAccountAlias(ObjectNode spec) {
        JsonNode name = spec.get("serviceAccountName");
        JsonNode alias = spec.get("serviceAccount");
        if (name != null && !name.isNull() && (alias == null || alias.isNull())) {
            spec.set("serviceAccount", name);
        } else if (alias != null && !alias.isNull() && (name == null || name.isNull())) {
            spec.set("serviceAccountName", alias);
        }
    }

    private static void toleration(ObjectNode spec, String key) {
        JsonNode tolerations = spec.get("tolerations");
        if (tolerations != null && tolerations.isArray()) {
            for (JsonNode toleration : tolerations) {
                if (key.equals(toleration.path("key").asText()) || (toleration.path("key").asText("").isEmpty()
                        && "Exists".equals(toleration.path("operator").asText()))) {
                    return;
                }
            }
        }
        ObjectNode added = (tolerations != null && tolerations.isArray() ? (ArrayNode) tolerations
                : spec.putArray("tolerations")).addObject();
        added.put("key", key).put("operator", "Exists").put("effect", "NoExecute").put("tolerationSeconds", 300);
    }
}
