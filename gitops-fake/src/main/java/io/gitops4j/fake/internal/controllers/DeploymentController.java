package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment controller: one ReplicaSet per pod template (named with its
 * {@code pod-template-hash}, with the {@code deployment.kubernetes.io/revision} annotation),
 * rolled out as RollingUpdate (the new ReplicaSet scaled up, the old ones down once it is
 * available) or Recreate (old ones down first); status with observedGeneration, replica counts
 * and the Available and Progressing conditions, including ProgressDeadlineExceeded once
 * {@code progressDeadlineSeconds} (600 by default) pass on the cluster's clock without progress.
 */
final class DeploymentController {

    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String HASH_LABEL = "pod-template-hash";

    void tick(ControllerContext context) {
        for (ObjectNode deployment : context.all("apps/Deployment")) {
            if (!deployment.path("metadata").has("deletionTimestamp")) {
                reconcile(context, deployment);
            }
        }
    }

    private void reconcile(ControllerContext context, ObjectNode deployment) {
        JsonNode spec = deployment.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        boolean paused = spec.path("paused").asBoolean(false);
        String hash = TemplateHash.of(spec.path("template"));
        List<ObjectNode> owned = context.controlledBy(deployment, "apps/ReplicaSet");
        Optional<ObjectNode> existingNew = owned.stream()
                .filter(rs -> rs.at("/metadata/labels/" + HASH_LABEL).asText().equals(hash)).findFirst();
        List<ObjectNode> olds = new ArrayList<>(owned);
        existingNew.ifPresent(olds::remove);
        boolean created = false;
        ObjectNode newReplicaSet = existingNew.orElse(null);
        if (newReplicaSet == null && !paused) {
            long revision = owned.stream().mapToLong(rs -> rs.at("/metadata/annotations/" + REVISION.replace("/", "~1"))
                    .asLong(0)).max().orElse(0) + 1;
            boolean oldPodsRemain = olds.stream().anyMatch(rs -> !context.controlledBy(rs, "/Pod").isEmpty());
            newReplicaSet = context.create(replicaSet(deployment, hash, revision, oldPodsRemain ? 0 : replicas));
            created = true;
        }
        if (!paused && newReplicaSet != null) {
            roll(context, spec, replicas, newReplicaSet, olds);
            deployment = withRevision(context, deployment, newReplicaSet);
        }
        writeStatus(context, deployment, replicas, paused, created, refreshed(context, newReplicaSet),
                olds.stream().map(rs -> refreshed(context, rs)).toList());
    }

    private void roll(ControllerContext context, JsonNode spec, int replicas, ObjectNode newReplicaSet,
            List<ObjectNode> olds) {
        boolean recreate = spec.path("strategy").path("type").asText("RollingUpdate").equals("Recreate");
        if (recreate) {
            boolean oldPodsRemain = olds.stream().anyMatch(rs -> !context.controlledBy(rs, "/Pod").isEmpty());
            olds.forEach(rs -> scale(context, rs, 0));
            scale(context, newReplicaSet, oldPodsRemain ? 0 : replicas);
            return;
        }
        scale(context, newReplicaSet, replicas);
        if (newReplicaSet.path("status").path("availableReplicas").asInt(0) >= replicas) {
            olds.forEach(rs -> scale(context, rs, 0));
        }
    }

    private static void scale(ControllerContext context, ObjectNode replicaSet, int replicas) {
        ObjectNode current = context.current(replicaSet);
        if (current.path("spec").path("replicas").asInt(1) == replicas) {
            return;
        }
        ObjectNode scaled = current.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", replicas);
        ((ObjectNode) scaled.at("/metadata/annotations")).put("deployment.kubernetes.io/desired-replicas",
                Integer.toString(replicas));
        context.update(scaled);
    }

    private static ObjectNode withRevision(ControllerContext context, ObjectNode deployment, ObjectNode newReplicaSet) {
        String revision = newReplicaSet.at("/metadata/annotations/" + REVISION.replace("/", "~1")).asText();
        if (KubernetesObjects.annotation(deployment, REVISION).equals(revision)) {
            return deployment;
        }
        return context.update(KubernetesObjects.withAnnotation(deployment, REVISION, revision));
    }

    private void writeStatus(ControllerContext context, ObjectNode deployment, int replicas, boolean paused,
            boolean created, ObjectNode newReplicaSet, List<ObjectNode> olds) {
        JsonNode old = deployment.path("status");
        int updated = newReplicaSet == null ? 0 : newReplicaSet.path("status").path("replicas").asInt(0);
        int total = updated + olds.stream().mapToInt(rs -> rs.path("status").path("replicas").asInt(0)).sum();
        int ready = sum(newReplicaSet, olds, "readyReplicas");
        int available = sum(newReplicaSet, olds, "availableReplicas");
        ObjectNode status = old instanceof ObjectNode o ? o.deepCopy() : Json.object();
        status.put("observedGeneration", deployment.path("metadata").path("generation").asLong())
                .put("replicas", total).put("updatedReplicas", updated).put("readyReplicas", ready)
                .put("availableReplicas", available).put("unavailableReplicas", Math.max(0, replicas - available));
        String now = context.now();
        boolean minimumAvailable = available >= replicas - maxUnavailable(deployment.path("spec"), replicas);
        Conditions.set(status, "Available", minimumAvailable ? "True" : "False",
                minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimumAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now, true);
        String name = newReplicaSet == null ? "" : KubernetesObjects.name(newReplicaSet);
        boolean complete = newReplicaSet != null && updated == replicas && available == replicas && total == replicas;
        boolean progressed = created || !old.path("updatedReplicas").equals(status.path("updatedReplicas"))
                || !old.path("availableReplicas").equals(status.path("availableReplicas"))
                || !old.path("replicas").equals(status.path("replicas"))
                || !old.path("observedGeneration").equals(status.path("observedGeneration"));
        if (paused) {
            Conditions.set(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now, true);
        } else if (complete) {
            Conditions.set(status, "Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + name + "\" has successfully progressed.", now, true);
        } else if (created) {
            progress(status, "NewReplicaSetCreated", "Created new replica set \"" + name + "\"", now);
        } else if (progressed || Conditions.find(status, "Progressing").isEmpty()) {
            progress(status, "ReplicaSetUpdated", "ReplicaSet \"" + name + "\" is progressing.", now);
        } else if (deadlineExceeded(deployment.path("spec"), status, now)) {
            Conditions.set(status, "Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + name + "\" has timed out progressing.", now, true);
        }
        context.writeStatus(context.current(deployment), status);
    }

    /** Records progress: the Progressing condition's lastUpdateTime moves to now, which restarts the deadline. */
    private static void progress(ObjectNode status, String reason, String message, String now) {
        Conditions.set(status, "Progressing", "True", reason, message, now, true);
        Conditions.find(status, "Progressing").ifPresent(c -> ((ObjectNode) c).put("lastUpdateTime", now));
    }

    private static boolean deadlineExceeded(JsonNode spec, ObjectNode status, String now) {
        long deadline = spec.path("progressDeadlineSeconds").asLong(600);
        return Conditions.find(status, "Progressing")
                .filter(c -> !c.path("reason").asText().equals("ProgressDeadlineExceeded"))
                .map(c -> Instant.parse(c.path("lastUpdateTime").asText(now)).plusSeconds(deadline)
                        .isBefore(Instant.parse(now)))
                .orElse(false);
    }

    /** maxUnavailable of a RollingUpdate (25% by default, rounded down); 0 for Recreate. */
    private static int maxUnavailable(JsonNode spec, int replicas) {
        if (spec.path("strategy").path("type").asText("RollingUpdate").equals("Recreate")) {
            return 0;
        }
        JsonNode value = spec.path("strategy").path("rollingUpdate").path("maxUnavailable");
        if (value.isInt()) {
            return value.asInt();
        }
        String percent = value.asText("25%");
        return percent.endsWith("%") ? replicas * Integer.parseInt(percent.substring(0, percent.length() - 1)) / 100
                : Integer.parseInt(percent);
    }

    private static int sum(ObjectNode newReplicaSet, List<ObjectNode> olds, String field) {
        int total = newReplicaSet == null ? 0 : newReplicaSet.path("status").path(field).asInt(0);
        return total + olds.stream().mapToInt(rs -> rs.path("status").path(field).asInt(0)).sum();
    }

    private static ObjectNode refreshed(ControllerContext context, ObjectNode object) {
        return object == null ? null : context.current(object);
    }

    private static ObjectNode replicaSet(ObjectNode deployment, String hash, long revision, int initialReplicas) {
        JsonNode spec = deployment.path("spec");
        String name = KubernetesObjects.name(deployment) + "-" + hash;
        ObjectNode replicaSet = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode metadata = replicaSet.putObject("metadata").put("name", name)
                .put("namespace", KubernetesObjects.namespace(deployment));
        metadata.set("labels", Pods.withLabel(spec.path("template").path("metadata").path("labels"), HASH_LABEL, hash));
        metadata.putObject("annotations").put(REVISION, Long.toString(revision))
                .put("deployment.kubernetes.io/desired-replicas", Integer.toString(initialReplicas))
                .put("deployment.kubernetes.io/max-replicas", Integer.toString(spec.path("replicas").asInt(1)));
        metadata.putArray("ownerReferences").add(ControllerContext.controllerReference(deployment));
        ObjectNode rsSpec = replicaSet.putObject("spec").put("replicas", initialReplicas);
        ObjectNode selector = spec.path("selector").deepCopy();
        selector.set("matchLabels", Pods.withLabel(selector.path("matchLabels"), HASH_LABEL, hash));
        rsSpec.set("selector", selector);
        ObjectNode template = spec.path("template").deepCopy();
        ObjectNode templateMetadata = template.has("metadata") ? (ObjectNode) template.get("metadata")
                : template.putObject("metadata");
        templateMetadata.set("labels", Pods.withLabel(templateMetadata.path("labels"), HASH_LABEL, hash));
        rsSpec.set("template", template);
        return replicaSet;
    }
}
