package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the API server fills into Deployments, StatefulSets, DaemonSets, ReplicaSets and ReplicationControllers. */
final class AppsDefaults {

    private AppsDefaults() {
    }

    static void deployment(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "replicas", 1);
        ObjectNode strategy = Nodes.object(spec, "strategy");
        Nodes.putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode rollingUpdate = Nodes.object(strategy, "rollingUpdate");
            Nodes.putIfAbsent(rollingUpdate, "maxUnavailable", "25%");
            Nodes.putIfAbsent(rollingUpdate, "maxSurge", "25%");
        }
        Nodes.putIfAbsent(spec, "revisionHistoryLimit", 10);
        Nodes.putIfAbsent(spec, "progressDeadlineSeconds", 600);
        PodSpecDefaults.template(spec);
    }

    static void statefulSet(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "replicas", 1);
        Nodes.putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Nodes.object(spec, "updateStrategy");
        Nodes.putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            Nodes.putIfAbsent(Nodes.object(strategy, "rollingUpdate"), "partition", 0);
        }
        Nodes.putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode retention = Nodes.object(spec, "persistentVolumeClaimRetentionPolicy");
        Nodes.putIfAbsent(retention, "whenDeleted", "Retain");
        Nodes.putIfAbsent(retention, "whenScaled", "Retain");
        Nodes.forEachItem(spec, "volumeClaimTemplates", claim -> {
            Nodes.putIfAbsent(claim, "apiVersion", "v1");
            Nodes.putIfAbsent(claim, "kind", "PersistentVolumeClaim");
            CoreDefaults.persistentVolumeClaim(claim);
        });
        PodSpecDefaults.template(spec);
    }

    static void daemonSet(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        ObjectNode strategy = Nodes.object(spec, "updateStrategy");
        Nodes.putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode rollingUpdate = Nodes.object(strategy, "rollingUpdate");
            Nodes.putIfAbsent(rollingUpdate, "maxUnavailable", 1);
            Nodes.putIfAbsent(rollingUpdate, "maxSurge", 0);
        }
        Nodes.putIfAbsent(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.template(spec);
    }

    static void replicaSet(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "replicas", 1);
        PodSpecDefaults.template(spec);
    }

    /** Also copies the template's labels to the selector and the object's labels where those are unset. */
    static void replicationController(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "replicas", 1);
        ObjectNode templateLabels = Nodes.objectAt(spec, "template", "metadata", "labels");
        if (templateLabels != null && !templateLabels.isEmpty()) {
            if (Nodes.absent(spec, "selector") || spec.get("selector").isEmpty()) {
                spec.set("selector", templateLabels.deepCopy());
            }
            ObjectNode metadata = Nodes.object(object, "metadata");
            if (Nodes.absent(metadata, "labels") || metadata.get("labels").isEmpty()) {
                metadata.set("labels", templateLabels.deepCopy());
            }
        }
        PodSpecDefaults.template(spec);
    }
}
