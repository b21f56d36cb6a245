package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.LabelSelector;
import java.util.Comparator;
import java.util.List;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} pods from the template, owned by the
 * ReplicaSet (deleting the newest and least ready first when scaling down), and reports
 * replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and observedGeneration.
 */
final class ReplicaSetController {

    void tick(ControllerContext context) {
        for (ObjectNode replicaSet : context.all("apps/ReplicaSet")) {
            if (!replicaSet.path("metadata").has("deletionTimestamp")) {
                reconcile(context, replicaSet);
            }
        }
    }

    private void reconcile(ControllerContext context, ObjectNode replicaSet) {
        List<ObjectNode> pods = context.controlledBy(replicaSet, "/Pod");
        int desired = replicaSet.path("spec").path("replicas").asInt(1);
        for (int i = pods.size(); i < desired; i++) {
            context.create(Pods.fromTemplate(replicaSet, KubernetesObjects.name(replicaSet) + "-", ""));
        }
        if (pods.size() > desired) {
            List<ObjectNode> byDeletionPreference = pods.stream()
                    .sorted(Comparator.comparing((ObjectNode p) -> Pods.isReady(p))
                            .thenComparing(p -> p.at("/metadata/creationTimestamp").asText(), Comparator.reverseOrder()))
                    .toList();
            byDeletionPreference.subList(0, pods.size() - desired).forEach(context::delete);
        }
        List<ObjectNode> current = context.controlledBy(replicaSet, "/Pod");
        LabelSelector templateLabels = LabelSelector.fromJson(replicaSet.path("spec").path("selector"));
        long ready = current.stream().filter(Pods::isReady).count();
        ObjectNode status = Json.object().put("replicas", current.size())
                .put("fullyLabeledReplicas", current.stream()
                        .filter(p -> templateLabels.matches(KubernetesObjects.labels(p))).count())
                .put("readyReplicas", ready)
                .put("availableReplicas", ready)
                .put("observedGeneration", replicaSet.path("metadata").path("generation").asLong());
        context.writeStatus(replicaSet, status);
    }
}
