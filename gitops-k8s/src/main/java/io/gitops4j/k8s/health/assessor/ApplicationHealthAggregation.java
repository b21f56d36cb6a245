package io.gitops4j.k8s.health.assessor;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.ApplicationHealth;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.ManagedResource;
import io.gitops4j.k8s.health.ResourceHealth;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Argo CD's application health: the worst health of the application's resources, where
 * <ul>
 *   <li>hooks (and resources annotated {@code argocd.argoproj.io/hook: Skip}) do not count;</li>
 *   <li>resources annotated {@code argocd.argoproj.io/ignore-healthcheck: "true"} do not count;</li>
 *   <li>a resource missing from the cluster is {@code Missing} but does not make the application
 *       worse (its sync status already says so), unless every resource is missing;</li>
 *   <li>a child Application that is {@code Missing} or {@code Unknown} does not count, nor does
 *       an Application object for the application itself.</li>
 * </ul>
 */
final class ApplicationHealthAggregation {

    static final String IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck";

    private ApplicationHealthAggregation() {
    }

    static ApplicationHealth aggregate(String appName, List<ManagedResource> resources,
            Function<JsonNode, Optional<Health>> assess) {
        HealthStatus appStatus = HealthStatus.HEALTHY;
        boolean anyResource = false;
        boolean anyLive = false;
        List<ResourceHealth> healths = new ArrayList<>();
        for (ManagedResource resource : resources) {
            if (isHook(resource)) {
                healths.add(new ResourceHealth(resource.key(), Optional.empty()));
                continue;
            }
            anyResource = true;
            anyLive |= resource.live().isPresent();
            Optional<Health> health = healthOf(appName, resource, assess);
            healths.add(new ResourceHealth(resource.key(), health));
            if (health.isPresent() && countsForApplication(resource, health.get())) {
                appStatus = HealthStatus.worst(appStatus, health.get().status());
            }
        }
        if (anyResource && !anyLive) {
            appStatus = HealthStatus.worst(appStatus, HealthStatus.MISSING);
        }
        return new ApplicationHealth(appStatus, healths);
    }

    private static boolean isHook(ManagedResource resource) {
        return resource.desired().map(d -> Hooks.isSkipped(d) || Hooks.isHook(d)).orElse(false)
                || resource.live().map(Hooks::isHook).orElse(false);
    }

    private static Optional<Health> healthOf(String appName, ManagedResource resource,
            Function<JsonNode, Optional<Health>> assess) {
        if (resource.live().isEmpty()) {
            return Optional.of(Health.of(HealthStatus.MISSING));
        }
        JsonNode live = resource.live().get();
        if ("true".equals(KubernetesObjects.annotation(live, IGNORE_HEALTHCHECK))
                || isApplicationItself(appName, resource)) {
            return Optional.empty();
        }
        return assess.apply(live);
    }

    private static boolean countsForApplication(ManagedResource resource, Health health) {
        if (resource.live().isEmpty()) {
            return false;
        }
        boolean childApplication = isArgoApplication(resource);
        return !(childApplication
                && (health.status() == HealthStatus.MISSING || health.status() == HealthStatus.UNKNOWN));
    }

    private static boolean isApplicationItself(String appName, ManagedResource resource) {
        return isArgoApplication(resource) && resource.key().name().equals(appName);
    }

    private static boolean isArgoApplication(ManagedResource resource) {
        return resource.key().group().equals("argoproj.io") && resource.key().kind().equals("Application");
    }
}
