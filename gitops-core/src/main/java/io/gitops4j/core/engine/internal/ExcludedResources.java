package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.ResourceExclusions;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's {@link ResourceExclusions} at work: rendered objects of excluded kinds taken out
 * of an application's target (Argo CD's {@code ExcludedResourceWarning} for each, kept per
 * application until its next render), and the question the live-state caches ask before they
 * watch a kind. Thread-safe.
 */
final class ExcludedResources {

    private volatile ResourceExclusions exclusions = ResourceExclusions.NONE;
    private final Map<String, List<String>> warnings = new ConcurrentHashMap<>();

    /** Sets the exclusions; before the controller starts, so every cache watches by them. */
    void set(ResourceExclusions value) {
        this.exclusions = value;
    }

    boolean isExcluded(String apiGroup, String kind, String clusterServer) {
        return exclusions.isExcluded(apiGroup, kind, clusterServer);
    }

    /** The target without the objects excluded on {@code clusterServer}; what was taken out is remembered. */
    TargetState filter(TargetState target, String clusterServer) {
        List<ObjectNode> kept = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (ObjectNode object : target.desired().objects()) {
            String apiVersion = KubernetesObjects.apiVersion(object);
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String kind = KubernetesObjects.kind(object);
            if (exclusions.isExcluded(group, kind, clusterServer)) {
                excluded.add("Resource " + group + "/" + kind + " " + KubernetesObjects.name(object)
                        + " is excluded in the settings");
            } else {
                kept.add(object);
            }
        }
        String app = target.app().name();
        if (excluded.isEmpty()) {
            warnings.remove(app);
            return target;
        }
        warnings.put(app, List.copyOf(excluded));
        DesiredState desired = new DesiredState(target.desired().target(), kept, target.desired().warnings());
        return new TargetState(target.app(), target.revision(), target.revisionMessage(), target.sourceType(), desired,
                target.revisions());
    }

    /** One {@code ExcludedResourceWarning} for each object the application's last render had excluded. */
    List<Condition> conditions(String appName, Instant now) {
        return warnings.getOrDefault(appName, List.of()).stream()
                .map(message -> new Condition(ConditionType.EXCLUDED_RESOURCE_WARNING, message, now)).toList();
    }

    void forget(String appName) {
        warnings.remove(appName);
    }
}
