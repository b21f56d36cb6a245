package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DaemonSet controller: one pod per node (bound to it), a new template rolled out by
 * replacing one outdated pod per tick while the others are Ready; status reports
 * desiredNumberScheduled, currentNumberScheduled, numberReady, numberAvailable,
 * numberUnavailable, updatedNumberScheduled, numberMisscheduled and observedGeneration.
 */
final class DaemonSetController {

    private static final String HASH_LABEL = "controller-revision-hash";

    void tick(ControllerContext context) {
        List<String> nodes = context.all("/Node").stream().map(KubernetesObjects::name).toList();
        for (ObjectNode daemonSet : context.all("apps/DaemonSet")) {
            if (!daemonSet.path("metadata").has("deletionTimestamp")) {
                reconcile(context, daemonSet, nodes);
            }
        }
    }

    private void reconcile(ControllerContext context, ObjectNode daemonSet, List<String> nodes) {
        String hash = TemplateHash.of(daemonSet.path("spec").path("template"));
        Map<String, ObjectNode> byNode = new HashMap<>();
        for (ObjectNode pod : context.controlledBy(daemonSet, "/Pod")) {
            String node = pod.path("spec").path("nodeName").asText("");
            if (!nodes.contains(node) || byNode.putIfAbsent(node, pod) != null) {
                context.delete(pod);
            }
        }
        for (String node : nodes) {
            if (!byNode.containsKey(node)) {
                context.create(pod(daemonSet, node, hash));
            }
        }
        if (byNode.size() == nodes.size() && byNode.values().stream().allMatch(Pods::isReady)) {
            byNode.values().stream().filter(p -> !p.at("/metadata/labels/" + HASH_LABEL).asText().equals(hash))
                    .findFirst().ifPresent(context::delete);
        }
        List<ObjectNode> current = context.controlledBy(daemonSet, "/Pod");
        long ready = current.stream().filter(Pods::isReady).count();
        ObjectNode status = Json.object()
                .put("desiredNumberScheduled", nodes.size()).put("currentNumberScheduled", current.size())
                .put("numberReady", ready).put("numberAvailable", ready)
                .put("numberUnavailable", Math.max(0, nodes.size() - ready))
                .put("updatedNumberScheduled", current.stream()
                        .filter(p -> p.at("/metadata/labels/" + HASH_LABEL).asText().equals(hash)).count())
                .put("numberMisscheduled", 0)
                .put("observedGeneration", daemonSet.path("metadata").path("generation").asLong());
        context.writeStatus(daemonSet, status);
    }

    private static ObjectNode pod(ObjectNode daemonSet, String node, String hash) {
        ObjectNode pod = Pods.fromTemplate(daemonSet, KubernetesObjects.name(daemonSet) + "-", "");
        ObjectNode metadata = (ObjectNode) pod.get("metadata");
        metadata.set("labels", Pods.withLabel(metadata.path("labels"), HASH_LABEL, hash));
        ((ObjectNode) pod.get("spec")).put("nodeName", node);
        return pod;
    }
}
