package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What the API server fills into cluster-level kinds: RBAC bindings, network policies,
 * autoscalers, priority and storage classes, CSI drivers, admission webhooks and CRDs.
 */
final class PlatformDefaults {

    private PlatformDefaults() {
    }

    /** User and Group subjects belong to the RBAC API group. */
    static void binding(ObjectNode object) {
        Nodes.forEachItem(object, "subjects", subject -> {
            String kind = subject.path("kind").asText();
            if (kind.equals("User") || kind.equals("Group")) {
                Nodes.putIfAbsent(subject, "apiGroup", "rbac.authorization.k8s.io");
            }
        });
    }

    /** Ports default to TCP; policyTypes to Ingress, plus Egress when egress rules are given. */
    static void networkPolicy(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        for (String direction : new String[] {"ingress", "egress"}) {
            Nodes.forEachItem(spec, direction, rule -> Nodes.forEachItem(rule, "ports",
                    port -> Nodes.putIfAbsent(port, "protocol", "TCP")));
        }
        if (Nodes.absent(spec, "policyTypes") || spec.get("policyTypes").isEmpty()) {
            ArrayNode types = spec.putArray("policyTypes").add("Ingress");
            if (spec.path("egress").size() > 0) {
                types.add("Egress");
            }
        }
    }

    /** autoscaling/v2: one minimum replica, 80% CPU when no metric is given, scaling behaviour rules. */
    static void horizontalPodAutoscaler(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "minReplicas", 1);
        if (!object.path("apiVersion").asText().startsWith("autoscaling/v2")) {
            return;
        }
        if (Nodes.absent(spec, "metrics") || spec.get("metrics").isEmpty()) {
            ObjectNode resource = spec.putArray("metrics").addObject().put("type", "Resource").putObject("resource");
            resource.put("name", "cpu").putObject("target").put("type", "Utilization").put("averageUtilization", 80);
        }
        Nodes.ifObject(spec, "behavior", behavior -> {
            ObjectNode scaleUp = Nodes.object(behavior, "scaleUp");
            Nodes.putIfAbsent(scaleUp, "stabilizationWindowSeconds", 0);
            Nodes.putIfAbsent(scaleUp, "selectPolicy", "Max");
            if (Nodes.absent(scaleUp, "policies")) {
                ArrayNode policies = scaleUp.putArray("policies");
                policies.addObject().put("type", "Pods").put("value", 4).put("periodSeconds", 15);
                policies.addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
            }
            ObjectNode scaleDown = Nodes.object(behavior, "scaleDown");
            Nodes.putIfAbsent(scaleDown, "selectPolicy", "Max");
            if (Nodes.absent(scaleDown, "policies")) {
                scaleDown.putArray("policies").addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
            }
        });
    }

    static void priorityClass(ObjectNode object) {
        Nodes.putIfAbsent(object, "preemptionPolicy", "PreemptLowerPriority");
    }

    static void storageClass(ObjectNode object) {
        Nodes.putIfAbsent(object, "reclaimPolicy", "Delete");
        Nodes.putIfAbsent(object, "volumeBindingMode", "Immediate");
    }

    static void csiDriver(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "attachRequired", true);
        Nodes.putIfAbsent(spec, "podInfoOnMount", false);
        Nodes.putIfAbsent(spec, "requiresRepublish", false);
        Nodes.putIfAbsent(spec, "storageCapacity", false);
        Nodes.putIfAbsent(spec, "seLinuxMount", false);
        Nodes.putIfAbsent(spec, "fsGroupPolicy", "ReadWriteOnceWithFSType");
        if (Nodes.absent(spec, "volumeLifecycleModes")) {
            spec.putArray("volumeLifecycleModes").add("Persistent");
        }
    }

    /** Mutating and validating webhook configurations (admissionregistration.k8s.io/v1). */
    static void webhookConfiguration(ObjectNode object) {
        boolean mutating = object.path("kind").asText().startsWith("Mutating");
        Nodes.forEachItem(object, "webhooks", webhook -> {
            Nodes.putIfAbsent(webhook, "failurePolicy", "Fail");
            Nodes.putIfAbsent(webhook, "matchPolicy", "Equivalent");
            Nodes.object(webhook, "namespaceSelector");
            Nodes.object(webhook, "objectSelector");
            Nodes.putIfAbsent(webhook, "timeoutSeconds", 10);
            if (mutating) {
                Nodes.putIfAbsent(webhook, "reinvocationPolicy", "Never");
            }
            Nodes.forEachItem(webhook, "rules", rule -> Nodes.putIfAbsent(rule, "scope", "*"));
            Nodes.ifObject(webhook, "clientConfig", config -> Nodes.ifObject(config, "service",
                    service -> Nodes.putIfAbsent(service, "port", 443)));
        });
    }

    /** CRDs (apiextensions.k8s.io/v1): conversion strategy None, singular and list kind names. */
    static void customResourceDefinition(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        if (Nodes.absent(spec, "conversion")) {
            spec.putObject("conversion").put("strategy", "None");
        }
        ObjectNode names = Nodes.objectAt(spec, "names");
        JsonNode kind = names == null ? null : names.get("kind");
        if (kind != null && kind.isTextual()) {
            Nodes.putIfAbsent(names, "singular", kind.asText().toLowerCase(Locale.ROOT));
            Nodes.putIfAbsent(names, "listKind", kind.asText() + "List");
        }
    }
}
