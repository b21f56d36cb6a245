package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The StatefulSet controller: pods {@code NAME-0 .. NAME-(n-1)}, created in order, each only
 * once the ones before it are Ready (OrderedReady) or all at once (Parallel); scaled down from
 * the highest ordinal; a new template rolled out one pod at a time from the highest ordinal
 * while the others are Ready. Status reports replicas, readyReplicas, currentReplicas,
 * updatedReplicas, availableReplicas, currentRevision, updateRevision and observedGeneration.
 * ControllerRevision objects are not written.
 */
final class StatefulSetController {

    private static final String REVISION_LABEL = "controller-revision-hash";

    void tick(ControllerContext context) {
        for (ObjectNode statefulSet : context.all("apps/StatefulSet")) {
            if (!statefulSet.path("metadata").has("deletionTimestamp")) {
                reconcile(context, statefulSet);
            }
        }
    }

    private void reconcile(ControllerContext context, ObjectNode statefulSet) {
        String name = KubernetesObjects.name(statefulSet);
        int replicas = statefulSet.path("spec").path("replicas").asInt(1);
        boolean parallel = statefulSet.path("spec").path("podManagementPolicy").asText("OrderedReady").equals("Parallel");
        String revision = name + "-" + TemplateHash.of(statefulSet.path("spec").path("template"));
        Map<Integer, ObjectNode> pods = byOrdinal(context.controlledBy(statefulSet, "/Pod"), name);
        boolean changed = false;
        for (int ordinal = 0; ordinal < replicas && !changed; ordinal++) {
            if (!pods.containsKey(ordinal)) {
                context.create(pod(statefulSet, name, ordinal, revision));
                changed = !parallel;
            } else if (!parallel && !Pods.isReady(pods.get(ordinal))) {
                changed = true;
            }
        }
        for (Map.Entry<Integer, ObjectNode> entry : pods.entrySet()) {
            if (entry.getKey() >= replicas) {
                context.delete(entry.getValue());
            }
        }
        rollOneOutdatedPod(context, pods, replicas, revision);
        writeStatus(context, statefulSet, revision, name);
    }

    private void rollOneOutdatedPod(ControllerContext context, Map<Integer, ObjectNode> pods, int replicas,
            String revision) {
        boolean allReady = pods.size() >= replicas && pods.values().stream().allMatch(Pods::isReady);
        if (!allReady) {
            return;
        }
        for (int ordinal = replicas - 1; ordinal >= 0; ordinal--) {
            ObjectNode pod = pods.get(ordinal);
            if (pod != null && !pod.at("/metadata/labels/" + REVISION_LABEL).asText().equals(revision)) {
                context.delete(pod);
                return;
            }
        }
    }

    private void writeStatus(ControllerContext context, ObjectNode statefulSet, String revision, String name) {
        List<ObjectNode> current = context.controlledBy(statefulSet, "/Pod");
        long ready = current.stream().filter(Pods::isReady).count();
        long updated = current.stream().filter(p -> p.at("/metadata/labels/" + REVISION_LABEL).asText().equals(revision))
                .count();
        String currentRevision = updated == current.size() ? revision
                : statefulSet.path("status").path("currentRevision").asText(revision);
        ObjectNode status = Json.object()
                .put("observedGeneration", statefulSet.path("metadata").path("generation").asLong())
                .put("replicas", current.size()).put("readyReplicas", ready)
                .put("currentReplicas", updated == current.size() ? current.size() : current.size() - updated)
                .put("updatedReplicas", updated).put("availableReplicas", ready)
                .put("currentRevision", currentRevision).put("updateRevision", revision).put("collisionCount", 0);
        context.writeStatus(statefulSet, status);
    }

    private static ObjectNode pod(ObjectNode statefulSet, String name, int ordinal, String revision) {
        String podName = name + "-" + ordinal;
        ObjectNode pod = Pods.fromTemplate(statefulSet, "", podName);
        ObjectNode metadata = (ObjectNode) pod.get("metadata");
        ObjectNode labels = Pods.withLabel(metadata.path("labels"), REVISION_LABEL, revision)
                .put("statefulset.kubernetes.io/pod-name", podName)
                .put("apps.kubernetes.io/pod-index", Integer.toString(ordinal));
        metadata.set("labels", labels);
        ObjectNode spec = (ObjectNode) pod.get("spec");
        spec.put("hostname", podName);
        String service = statefulSet.path("spec").path("serviceName").asText("");
        if (!service.isEmpty()) {
            spec.put("subdomain", service);
        }
        return pod;
    }

    private static Map<Integer, ObjectNode> byOrdinal(List<ObjectNode> pods, String name) {
        Map<Integer, ObjectNode> byOrdinal = new HashMap<>();
        for (ObjectNode pod : pods) {
            String podName = KubernetesObjects.name(pod);
            String suffix = podName.startsWith(name + "-") ? podName.substring(name.length() + 1) : "";
            if (suffix.matches("[0-9]+")) {
                byOrdinal.put(Integer.parseInt(suffix), pod);
            }
        }
        return byOrdinal;
    }
}
