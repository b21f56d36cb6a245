package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.List;

/**
 * The Job controller: up to {@code parallelism} pods at a time until {@code completions} have
 * succeeded (then SuccessCriteriaMet and Complete), or until more than {@code backoffLimit}
 * have failed (then FailureTarget and Failed, reason BackoffLimitExceeded); status reports
 * active, ready, succeeded, failed, startTime and completionTime.
 */
final class JobController {

    void tick(ControllerContext context) {
        for (ObjectNode job : context.all("batch/Job")) {
            if (!job.path("metadata").has("deletionTimestamp") && !isFinished(job)) {
                reconcile(context, job);
            }
        }
    }

    private void reconcile(ControllerContext context, ObjectNode job) {
        JsonNode spec = job.path("spec");
        int completions = spec.path("completions").asInt(1);
        int parallelism = spec.path("parallelism").asInt(1);
        int backoffLimit = spec.path("backoffLimit").asInt(6);
        boolean suspended = spec.path("suspend").asBoolean(false);
        List<ObjectNode> pods = context.controlledBy(job, "/Pod");
        long succeeded = pods.stream().filter(p -> p.at("/status/phase").asText().equals("Succeeded")).count();
        long failed = pods.stream().filter(p -> p.at("/status/phase").asText().equals("Failed")).count();
        long active = pods.stream().filter(p -> !Pods.isFinished(p)).count();
        boolean done = succeeded >= completions || failed > backoffLimit;
        if (!done && !suspended) {
            for (long i = active; i < Math.min(parallelism, completions - succeeded); i++) {
                context.create(Pods.fromTemplate(job, KubernetesObjects.name(job) + "-", ""));
                active++;
            }
        }
        String now = context.now();
        ObjectNode status = job.path("status") instanceof ObjectNode s ? s.deepCopy() : Json.object();
        if (!status.has("startTime") && !suspended) {
            status.put("startTime", now);
        }
        status.put("active", active).put("ready", pods.stream().filter(Pods::isReady).count())
                .put("succeeded", succeeded).put("failed", failed).put("terminating", 0);
        status.putObject("uncountedTerminatedPods");
        if (succeeded >= completions) {
            Conditions.set(status, "SuccessCriteriaMet", "True", "CompletionsReached",
                    "Reached expected number of succeeded pods", now, true);
            Conditions.set(status, "Complete", "True", "CompletionsReached",
                    "Reached expected number of succeeded pods", now, true);
            status.put("completionTime", now).put("active", 0);
        } else if (failed > backoffLimit) {
            Conditions.set(status, "FailureTarget", "True", "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit", now, true);
            Conditions.set(status, "Failed", "True", "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit", now, true);
            status.put("active", 0);
        }
        context.writeStatus(job, status);
    }

    private static boolean isFinished(JsonNode job) {
        return Conditions.find(job.path("status"), "Complete").isPresent()
                || Conditions.find(job.path("status"), "Failed").isPresent();
    }
}
