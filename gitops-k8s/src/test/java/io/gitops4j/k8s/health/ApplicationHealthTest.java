package io.gitops4j.k8s.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationHealthTest {

    private final HealthAssessor assessor = HealthAssessor.defaults();

    @Test
    void theWorstResourceDecides() {
        ApplicationHealth health = assess(live("deployment-healthy"), live("service-healthy"), live("pod-degraded-crashloop"),
                live("deployment-progressing"));

        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.resources()).hasSize(4);
        assertThat(health.of(key("pod-degraded-crashloop"))).get().extracting(Health::status).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void kindsWithoutHealthDoNotCountAndAnEmptyApplicationIsHealthy() {
        assertThat(assess(live("configmap-none"), live("service-healthy")).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(assess().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void missingResourcesAreMissingButOnlyMakeTheApplicationMissingWhenAllAre() {
        ApplicationHealth some = assess(live("deployment-progressing"), missing("service-healthy"));
        assertThat(some.status()).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(some.of(key("service-healthy"))).contains(Health.of(HealthStatus.MISSING));

        assertThat(assess(missing("service-healthy"), missing("deployment-healthy")).status())
                .isEqualTo(HealthStatus.MISSING);
    }

    @Test
    void hooksAndResourcesThatIgnoreHealthChecksDoNotCount() {
        ObjectNode ignored = KubernetesObjects.withAnnotation(HealthFixtures.read("pod-degraded-crashloop"),
                "argocd.argoproj.io/ignore-healthcheck", "true");
        ObjectNode helmHook = KubernetesObjects.withAnnotation(HealthFixtures.read("job-degraded"),
                "helm.sh/hook", "pre-upgrade");
        ObjectNode skipped = KubernetesObjects.withAnnotation(HealthFixtures.read("deployment-degraded"),
                "argocd.argoproj.io/hook", "Skip");

        ApplicationHealth health = assess(live("deployment-healthy"), resource(ignored), resource(helmHook),
                resource(live("pod-progressing-hook").live().orElseThrow()),
                new ManagedResource(ResourceKey.of(skipped), Optional.of(skipped), Optional.empty()));

        assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(health.of(ResourceKey.of(ignored))).isEmpty();
        assertThat(health.of(ResourceKey.of(helmHook))).isEmpty();
    }

    @Test
    void childApplicationsCountOnlyWhenAskedForAndThenNotWhenMissingOrUnknownNorTheApplicationItself() {
        assertThat(assess(live("deployment-healthy"), live("application-degraded")).status()).isEqualTo(HealthStatus.HEALTHY);

        HealthAssessor appOfApps = HealthAssessor.builder().childApplicationHealth(true).build();
        assertThat(appOfApps.assessApplication("shop", List.of(live("deployment-healthy"), live("application-unknown")))
                .status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(appOfApps.assessApplication("shop", List.of(live("deployment-healthy"), live("application-degraded")))
                .status()).isEqualTo(HealthStatus.DEGRADED);

        ObjectNode self = HealthFixtures.read("application-degraded");
        ApplicationHealth health = appOfApps.assessApplication("payments", List.of(resource(self)));
        assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    private ApplicationHealth assess(ManagedResource... resources) {
        return assessor.assessApplication("shop", List.of(resources));
    }

    private static ManagedResource live(String fixture) {
        return resource(HealthFixtures.read(fixture));
    }

    private static ManagedResource resource(ObjectNode live) {
        return new ManagedResource(ResourceKey.of(live), Optional.of(live), Optional.of(live));
    }

    private static ManagedResource missing(String fixture) {
        ObjectNode desired = HealthFixtures.read(fixture);
        return new ManagedResource(ResourceKey.of(desired), Optional.of(desired), Optional.empty());
    }

    private static ResourceKey key(String fixture) {
        return ResourceKey.of(HealthFixtures.read(fixture));
    }
}
