package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Optional;

/**
 * Flux's {@code helm.toolkit.fluxcd.io/HelmRelease} and
 * {@code kustomize.toolkit.fluxcd.io/Kustomization}, judged exactly as Argo CD's checks for them,
 * which count conditions:
 * <ul>
 *   <li>{@code spec.suspend: true} is Suspended ("HelmRelease is suspended");</li>
 *   <li>no {@code status.conditions} is Progressing ("Status unknown");</li>
 *   <li>otherwise the conditions are counted: a {@code Ready} one that is Unknown and a true
 *       {@code Reconciling} count as progressing; a true {@code Ready} (and, for a HelmRelease,
 *       a true {@code Released} or {@code TestSuccess}) as succeeded. Exactly two progressing is
 *       Progressing; else exactly as many succeeded as the kind needs (two for a HelmRelease:
 *       Ready and Released; one for a Kustomization) is Healthy; anything else Degraded.</li>
 * </ul>
 * The message is the reason of the last {@code Ready} condition. As in Argo CD, a HelmRelease
 * whose tests also passed (three succeeded) reads as Degraded, and a stale {@code Ready} (of an
 * older generation) is taken as it is.
 */
final class FluxHealth implements HealthCheck {

    /** HelmRelease: Ready and Released (or TestSuccess) must both be true. */
    static final FluxHealth HELM_RELEASE = new FluxHealth(true, 2);
    /** Kustomization: Ready must be true. */
    static final FluxHealth KUSTOMIZATION = new FluxHealth(false, 1);

    private final boolean countsRelease;
    private final int succeededWhenHealthy;

    private FluxHealth(boolean countsRelease, int succeededWhenHealthy) {
        this.countsRelease = countsRelease;
        this.succeededWhenHealthy = succeededWhenHealthy;
    }

    @Override
    public Optional<Health> check(JsonNode resource) {
        JsonNode suspend = resource.path("spec").path("suspend");
        if (suspend.isBoolean() && suspend.booleanValue()) {
            return Optional.of(Health.suspended(KubernetesObjects.kind(resource) + " is suspended"));
        }
        JsonNode conditions = resource.path("status").path("conditions");
        if (conditions.isMissingNode() || conditions.isNull()) {
            return Optional.of(Health.progressing("Status unknown"));
        }
        int progressing = 0;
        int succeeded = 0;
        String message = "";
        for (JsonNode condition : conditions) {
            String type = text(condition.path("type"));
            String status = text(condition.path("status"));
            if ("Ready".equals(type)) {
                if ("True".equals(status)) {
                    succeeded++;
                } else if ("Unknown".equals(status)) {
                    progressing++;
                }
                message = text(condition.path("reason"));
            } else if ("Reconciling".equals(type) && "True".equals(status)) {
                progressing++;
            } else if (countsRelease && ("Released".equals(type) || "TestSuccess".equals(type)) && "True".equals(status)) {
                succeeded++;
            }
        }
        if (progressing == 2) {
            return Optional.of(Health.progressing(message));
        }
        return Optional.of(succeeded == succeededWhenHealthy ? Health.healthy(message) : Health.degraded(message));
    }
}
