package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ApplicationSummary;
import io.gitops4j.core.engine.ApplicationSyncStatus;
import io.gitops4j.core.engine.ComparedTo;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.ResourceStatus;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.health.ApplicationHealth;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.k8s.sync.SyncWaves;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Turns a comparison into the fields of an {@link ApplicationStatus}, as Argo CD's controller fills {@code .status}. */
public final class StatusFactory {

    private StatusFactory() {
    }

    /**
     * The status after a comparison: sync status, health, resources, summary and the
     * comparison's conditions; the operation state and history of {@code previous} are kept, and
     * conditions that are still there keep their transition time.
     *
     * @param extraConditions conditions found beside the comparison (a SyncError of automated sync)
     */
    public static ApplicationStatus compared(Application app, TargetState target, Comparison comparison,
            ApplicationHealth health, ApplicationStatus previous, List<Condition> extraConditions, Instant now) {
        SyncStatusCode code = comparison.status() == SyncStatus.SYNCED ? SyncStatusCode.SYNCED : SyncStatusCode.OUT_OF_SYNC;
        ApplicationSyncStatus sync = new ApplicationSyncStatus(code, target.revision(),
                Optional.of(new ComparedTo(app.source(), app.destination(), app.ignoreDifferences(), app.sources())),
                target.revisions());
        List<ResourceStatus> resources = comparison.resources().stream()
                .map(state -> resource(state, health))
                .sorted(Comparator.comparing(ResourceStatus::key))
                .toList();
        List<Condition> conditions = new ArrayList<>();
        comparison.conditions().forEach(c -> conditions.add(new Condition(ConditionType.SHARED_RESOURCE_WARNING,
                c.message(), now)));
        target.desired().warnings().forEach(w -> conditions.add(new Condition(ConditionType.REPEATED_RESOURCE_WARNING,
                w, now)));
        conditions.addAll(extraConditions);
        return new ApplicationStatus(sync, Health.of(health.status()), keepTransitionTimes(conditions, previous.conditions()),
                previous.operationState(), resources, previous.history(), Optional.of(now), summary(comparison),
                Optional.of(target.sourceType()));
    }

    /**
     * The previous status at a new commit whose objects are those already compared, against live
     * objects that did not move: the same comparison, so only the revision, the source type and
     * the time change.
     */
    public static ApplicationStatus sameComparisonAt(ApplicationStatus previous, TargetState target, Instant now) {
        ApplicationSyncStatus sync = new ApplicationSyncStatus(previous.sync().status(), target.revision(),
                previous.sync().comparedTo(), target.revisions());
        return new ApplicationStatus(sync, previous.health(), previous.conditions(), previous.operationState(),
                previous.resources(), previous.history(), Optional.of(now), previous.summary(),
                Optional.of(target.sourceType()));
    }

    /**
     * The previous status with one more condition of {@code type} (replacing any of that type):
     * what a failed fetch or render leaves, the last good comparison kept.
     */
    public static ApplicationStatus withCondition(ApplicationStatus previous, ConditionType type, String message,
            Instant now) {
        List<Condition> conditions = new ArrayList<>(previous.conditions().stream().filter(c -> c.type() != type).toList());
        conditions.add(new Condition(type, message, now));
        return previous.withConditions(keepTransitionTimes(conditions, previous.conditions()));
    }

    /**
     * The previous status with sync and health Unknown (the revision, resources and history
     * kept): an application that cannot be compared now (its project refuses it, its cluster
     * cannot be reached).
     */
    public static ApplicationStatus unknown(ApplicationStatus previous) {
        return new ApplicationStatus(new ApplicationSyncStatus(SyncStatusCode.UNKNOWN, previous.sync().revision(),
                previous.sync().comparedTo()), Health.of(HealthStatus.UNKNOWN), previous.conditions(),
                previous.operationState(), previous.resources(), previous.history(), previous.reconciledAt(),
                previous.summary(), previous.sourceType());
    }

    /** Conditions that were already there keep the time they appeared. */
    static List<Condition> keepTransitionTimes(List<Condition> conditions, List<Condition> before) {
        return conditions.stream()
                .map(c -> before.stream().filter(c::sameAs).findFirst().orElse(c))
                .toList();
    }

    private static ResourceStatus resource(ResourceState state, ApplicationHealth health) {
        SyncStatusCode code = state.status() == SyncStatus.SYNCED ? SyncStatusCode.SYNCED : SyncStatusCode.OUT_OF_SYNC;
        ObjectNode object = state.desired().or(state::live).orElseThrow();
        String version = KubernetesObjects.apiVersion(object);
        Optional<Health> resourceHealth = state.status() == SyncStatus.MISSING
                ? Optional.of(Health.of(HealthStatus.MISSING)) : health.of(state.key());
        return new ResourceStatus(state.key(), version.contains("/") ? version.substring(version.indexOf('/') + 1)
                : version, code, resourceHealth, state.status() == SyncStatus.EXTRANEOUS, SyncWaves.of(object));
    }

    private static ApplicationSummary summary(Comparison comparison) {
        TreeSet<String> images = new TreeSet<>();
        TreeSet<String> urls = new TreeSet<>();
        for (ResourceState state : comparison.resources()) {
            state.live().ifPresent(live -> {
                collectImages(live.path("spec"), images);
                if (KubernetesObjects.kind(live).equals("Ingress")) {
                    boolean tls = live.path("spec").path("tls").size() > 0;
                    live.path("spec").path("rules").forEach(rule -> {
                        if (rule.hasNonNull("host")) {
                            urls.add((tls ? "https://" : "http://") + rule.get("host").asText());
                        }
                    });
                }
            });
        }
        return new ApplicationSummary(List.copyOf(urls), List.copyOf(images));
    }

    private static void collectImages(JsonNode spec, TreeSet<String> images) {
        for (JsonNode podSpec : List.of(spec, spec.path("template").path("spec"),
                spec.path("jobTemplate").path("spec").path("template").path("spec"))) {
            for (String list : List.of("containers", "initContainers")) {
                podSpec.path(list).forEach(c -> {
                    if (c.hasNonNull("image")) {
                        images.add(c.get("image").asText());
                    }
                });
            }
        }
    }
}
