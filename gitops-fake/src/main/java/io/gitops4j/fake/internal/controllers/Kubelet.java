package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler and the kubelets of the simulated cluster: nodes exist, pods are bound to them
 * and, {@link ControllerSettings#ticksToStart()} ticks after they appear, run and become Ready;
 * pods that do not restart ({@code restartPolicy} Never or OnFailure) succeed as many ticks
 * later. Failing images give ErrImagePull then ImagePullBackOff (the pod stays Pending), or a
 * crash: CrashLoopBackOff with a growing restart count, or a Failed pod when it does not restart.
 */
final class Kubelet {

    private final Map<String, Integer> ticksSeen = new HashMap<>();
    private int nextPodIp = 2;

    void tick(ControllerContext context) {
        List<String> nodes = ensureNodes(context);
        Set<String> live = new HashSet<>();
        int next = 0;
        for (ObjectNode pod : context.all("/Pod")) {
            String uid = ControllerContext.uid(pod);
            live.add(uid);
            if (pod.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            ObjectNode current = pod;
            if (current.path("spec").path("nodeName").asText("").isEmpty()) {
                current = context.bind(current, nodes.get(next++ % nodes.size()));
            }
            int ticks = ticksSeen.merge(uid, 1, Integer::sum);
            context.writeStatus(current, status(context, current, ticks));
        }
        ticksSeen.keySet().retainAll(live);
    }

    private ObjectNode status(ControllerContext context, ObjectNode pod, int ticks) {
        ObjectNode old = pod.path("status") instanceof ObjectNode s ? s : Json.object();
        ObjectNode status = old.deepCopy();
        String now = context.now();
        // A pod is first seen on the tick after it was created: it starts on the ticksToStart-th tick it is seen.
        int started = ticks - Math.max(1, context.settings().ticksToStart()) + 1;
        boolean restarts = pod.path("spec").path("restartPolicy").asText("Always").equals("Always");
        ControllerSettings.ImageFailure failure = failureOf(context, pod);
        status.put("hostIP", "10.0.0.1");
        Conditions.set(status, "PodScheduled", "True", "", "", now, false);
        String phase;
        boolean ready;
        if (started <= 0) {
            phase = "Pending";
            ready = false;
        } else if (failure == ControllerSettings.ImageFailure.PULL) {
            phase = "Pending";
            ready = false;
        } else if (failure == ControllerSettings.ImageFailure.CRASH) {
            phase = restarts ? "Running" : "Failed";
            ready = false;
        } else if (!restarts && started > Math.max(1, context.settings().ticksToStart())) {
            phase = "Succeeded";
            ready = false;
        } else {
            phase = "Running";
            ready = true;
        }
        status.put("phase", phase);
        if (started > 0 && !status.has("startTime")) {
            status.put("startTime", now);
        }
        if (started > 0 && !status.has("podIP")) {
            String ip = "10.244.0." + (nextPodIp++ % 250 + 2);
            status.put("podIP", ip);
            status.putArray("podIPs").addObject().put("ip", ip);
        }
        Conditions.set(status, "Initialized", "True", "", "", now, false);
        String notReady = phase.equals("Succeeded") ? "PodCompleted" : "ContainersNotReady";
        Conditions.set(status, "ContainersReady", ready ? "True" : "False", ready ? "" : notReady, "", now, false);
        Conditions.set(status, "Ready", ready ? "True" : "False", ready ? "" : notReady, "", now, false);
        status.set("containerStatuses", containerStatuses(pod, old, started, failure, phase, now));
        return status;
    }

    private static ArrayNode containerStatuses(ObjectNode pod, ObjectNode old, int started,
            ControllerSettings.ImageFailure failure, String phase, String now) {
        ArrayNode statuses = Json.mapper().createArrayNode();
        for (JsonNode container : pod.path("spec").path("containers")) {
            String name = container.path("name").asText();
            String image = container.path("image").asText();
            JsonNode previous = previousStatus(old, name);
            ObjectNode entry = statuses.addObject().put("name", name).put("image", image);
            ObjectNode state = entry.putObject("state");
            int restarts = previous.path("restartCount").asInt(0);
            boolean running = phase.equals("Running") && failure == null;
            if (started <= 0) {
                state.putObject("waiting").put("reason", "ContainerCreating");
            } else if (failure == ControllerSettings.ImageFailure.PULL) {
                boolean first = !previous.at("/state/waiting/reason").asText().matches("ErrImagePull|ImagePullBackOff");
                state.putObject("waiting").put("reason", first ? "ErrImagePull" : "ImagePullBackOff")
                        .put("message", first ? "failed to pull and unpack image \"" + image + "\""
                                : "Back-off pulling image \"" + image + "\"");
            } else if (failure == ControllerSettings.ImageFailure.CRASH) {
                ObjectNode terminated = Json.object().put("exitCode", 1).put("reason", "Error").put("finishedAt", now);
                if (phase.equals("Failed")) {
                    state.set("terminated", terminated);
                } else {
                    restarts++;
                    state.putObject("waiting").put("reason", "CrashLoopBackOff")
                            .put("message", "back-off restarting failed container " + name);
                    entry.putObject("lastState").set("terminated", terminated);
                }
            } else if (phase.equals("Succeeded")) {
                state.putObject("terminated").put("exitCode", 0).put("reason", "Completed").put("finishedAt", now);
            } else if (running) {
                state.putObject("running").put("startedAt", previous.at("/state/running/startedAt").asText(now));
            }
            entry.put("ready", running).put("started", running).put("restartCount", restarts);
            if (started > 0 && failure != ControllerSettings.ImageFailure.PULL) {
                entry.put("imageID", repository(image) + "@sha256:" + TemplateHash.sha256(image))
                        .put("containerID", "containerd://" + TemplateHash.sha256(pod.at("/metadata/uid").asText() + name));
            }
        }
        return statuses;
    }

    /** The image without its tag: {@code registry:5000/shop/api:1.2} is {@code registry:5000/shop/api}. */
    private static String repository(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    private static JsonNode previousStatus(ObjectNode old, String container) {
        for (JsonNode status : old.path("containerStatuses")) {
            if (status.path("name").asText().equals(container)) {
                return status;
            }
        }
        return Json.object();
    }

    private static ControllerSettings.ImageFailure failureOf(ControllerContext context, JsonNode pod) {
        for (JsonNode container : pod.path("spec").path("containers")) {
            ControllerSettings.ImageFailure failure = context.settings().failureOf(container.path("image").asText());
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private static List<String> ensureNodes(ControllerContext context) {
        List<ObjectNode> existing = context.all("/Node");
        if (existing.isEmpty()) {
            for (int i = 1; i <= context.settings().nodes(); i++) {
                String name = "fake-node-" + i;
                ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
                node.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/hostname", name)
                        .put("kubernetes.io/os", "linux").put("kubernetes.io/arch", "amd64");
                context.writeStatus(context.create(node), nodeStatus(context.now()));
            }
            existing = context.all("/Node");
        }
        return existing.stream().map(KubernetesObjects::name).toList();
    }

    private static ObjectNode nodeStatus(String now) {
        ObjectNode status = Json.object();
        status.putObject("capacity").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        status.putObject("allocatable").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        Conditions.set(status, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now, false);
        return status;
    }
}
