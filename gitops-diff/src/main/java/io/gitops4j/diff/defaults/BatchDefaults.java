package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the API server fills into Jobs and CronJobs. */
final class BatchDefaults {

    private BatchDefaults() {
    }

    /**
     * Job defaults, and, once the Job has a uid, the selector and template labels the server
     * generates ({@code batch.kubernetes.io/controller-uid}, {@code job-name}) unless
     * {@code manualSelector} is set.
     */
    static void job(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        if (Nodes.absent(spec, "completions") && Nodes.absent(spec, "parallelism")) {
            spec.put("completions", 1);
        }
        Nodes.putIfAbsent(spec, "parallelism", 1);
        Nodes.putIfAbsent(spec, "backoffLimit", 6);
        Nodes.putIfAbsent(spec, "completionMode", "NonIndexed");
        Nodes.putIfAbsent(spec, "suspend", false);
        Nodes.putIfAbsent(spec, "podReplacementPolicy", spec.has("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
        String uid = object.path("metadata").path("uid").asText("");
        if (!uid.isEmpty() && !spec.path("manualSelector").asBoolean(false)) {
            String name = object.path("metadata").path("name").asText("");
            Nodes.putIfAbsent(Nodes.object(Nodes.object(spec, "selector"), "matchLabels"),
                    "batch.kubernetes.io/controller-uid", uid);
            ObjectNode labels = Nodes.object(Nodes.object(Nodes.object(spec, "template"), "metadata"), "labels");
            Nodes.putIfAbsent(labels, "batch.kubernetes.io/controller-uid", uid);
            Nodes.putIfAbsent(labels, "batch.kubernetes.io/job-name", name);
            Nodes.putIfAbsent(labels, "controller-uid", uid);
            Nodes.putIfAbsent(labels, "job-name", name);
        }
        PodSpecDefaults.template(spec);
    }

    /** CronJob defaults; the job template's pod spec is defaulted, the job spec is not. */
    static void cronJob(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.putIfAbsent(spec, "concurrencyPolicy", "Allow");
        Nodes.putIfAbsent(spec, "suspend", false);
        Nodes.putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
        Nodes.putIfAbsent(spec, "failedJobsHistoryLimit", 1);
        Nodes.ifObject(spec, "jobTemplate", template -> Nodes.ifObject(template, "spec", PodSpecDefaults::template));
    }
}
