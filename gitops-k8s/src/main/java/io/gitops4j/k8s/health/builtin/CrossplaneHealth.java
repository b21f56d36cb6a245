package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Optional;
import java.util.Set;

/**
 * Crossplane's resources: every kind of a {@code *.crossplane.io} group (claims' and composites'
 * machinery, packages, functions, ...) and of a {@code *.upbound.io} group (Upbound providers'
 * managed resources), as Argo CD's two wildcard checks judge them. The conditions are read in
 * order: a false {@code LastAsyncOperation} or {@code Synced} is Degraded with its message, even
 * after a ready one; a true ready-type condition ({@code Ready}; for crossplane.io also
 * {@code Healthy}, {@code Offered}, {@code Established}, {@code ValidPipeline},
 * {@code RevisionHealthy}) is Healthy ("Resource is up-to-date."); anything else is Progressing
 * ("Provisioning ..."). A resource without a status is Healthy, as in Argo CD (whose script
 * reads {@code status == nil or next(status) == nil and <kind has no status>}, so any kind without
 * a status passes); an empty status is Healthy only for the kinds that have none (Composition,
 * ProviderConfig, ...), and a ProviderConfig with {@code status.users} but no conditions is "in
 * use". A claim the controller has not looked at yet is therefore Healthy, here as in Argo CD.
 */
final class CrossplaneHealth implements HealthCheck {

    /** {@code *.crossplane.io}: Crossplane's own kinds. */
    static final CrossplaneHealth CROSSPLANE = new CrossplaneHealth(
            Set.of("Composition", "CompositionRevision", "DeploymentRuntimeConfig", "ClusterProviderConfig",
                    "ProviderConfig", "ProviderConfigUsage", "ControllerConfig"),
            Set.of("Ready", "Healthy", "Offered", "Established", "ValidPipeline", "RevisionHealthy"));
    /** {@code *.upbound.io}: the kinds of Upbound's providers. */
    static final CrossplaneHealth UPBOUND = new CrossplaneHealth(
            Set.of("ClusterProviderConfig", "ProviderConfig", "ProviderConfigUsage"), Set.of("Ready"));

    private static final Health UP_TO_DATE = Health.healthy("Resource is up-to-date.");
    private static final Health PROVISIONING = Health.progressing("Provisioning ...");

    private final Set<String> kindsWithoutStatus;
    private final Set<String> readyTypes;

    private CrossplaneHealth(Set<String> kindsWithoutStatus, Set<String> readyTypes) {
        this.kindsWithoutStatus = kindsWithoutStatus;
        this.readyTypes = readyTypes;
    }

    @Override
    public Optional<Health> check(JsonNode resource) {
        String kind = KubernetesObjects.kind(resource);
        JsonNode status = resource.path("status");
        boolean emptyStatus = status.isObject() && status.isEmpty();
        if (status.isMissingNode() || status.isNull() || emptyStatus && kindsWithoutStatus.contains(kind)) {
            return Optional.of(UP_TO_DATE);
        }
        JsonNode conditions = status.path("conditions");
        if (emptyStatus || conditions.isMissingNode() || conditions.isNull()) {
            boolean providerConfig = kind.equals("ProviderConfig") || kind.equals("ClusterProviderConfig");
            JsonNode users = status.path("users");
            return Optional.of(providerConfig && !users.isMissingNode() && !users.isNull()
                    ? Health.healthy("Resource is in use.") : PROVISIONING);
        }
        Health health = PROVISIONING;
        for (JsonNode condition : conditions) {
            String type = text(condition.path("type"));
            boolean isTrue = "True".equals(text(condition.path("status")));
            boolean isFalse = "False".equals(text(condition.path("status")));
            if (isFalse && (type.equals("LastAsyncOperation") || type.equals("Synced"))) {
                return Optional.of(Health.degraded(text(condition.path("message"))));
            }
            if (isTrue && readyTypes.contains(type)) {
                health = UP_TO_DATE;
            }
        }
        return Optional.of(health);
    }
}
