package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.argocd.ArgoCdSettings;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.kube.ResourceKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An argocd-cm's settings applied to the engine: tracking label, global ignoreDifferences, Lua health, refresh interval. */
class ArgoCdSettingsAppliedTest {

    private static final Map<String, String> ARGOCD_CM = Map.of(
            "application.resourceTrackingMethod", "label",
            "application.instanceLabelKey", "gitops.example.com/app",
            "resource.customizations.ignoreDifferences.apps_Deployment", "jsonPointers:\n- /spec/replicas\n",
            "resource.customizations.health.ConfigMap", """
                    hs = {}
                    hs.status = "Degraded"
                    hs.message = "greeting " .. obj.data.greeting
                    return hs
                    """,
            "timeout.reconciliation", "10m",
            "timeout.reconciliation.jitter", "0s");

    @TempDir
    Path temp;

    @Test
    void trackingIgnoreDifferencesAndHealthReachTheReconcile() {
        ArgoCdSettings settings = ArgoCdSettings.fromData(ARGOCD_CM, Map.of());
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
        FakeCluster cluster = new FakeCluster(clock);
        try (LocalRepository repo = GuestbookRepository.create(temp.resolve("repo"))) {
            GitOps gitops = settings.applyTo(GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock)
                    .pacer(next -> {
                        if (next.isAfter(clock.instant())) {
                            clock.set(next);
                        }
                        cluster.controllers().tick();
                    })).build();
            Application app = Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                    .destinationNamespace("guestbook").automated(AutomatedSync.of(true, false)).build();

            ReconcileResult synced = gitops.reconcile(app);
            ObjectNode deployment = cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
            deployment.with("spec").put("replicas", 5);
            cluster.update(deployment);
            ReconcileResult afterScale = gitops.compare(app);

            assertThat(deployment.at("/metadata/labels/gitops.example.com~1app").asText()).isEqualTo("guestbook");
            assertThat(synced.resources()).filteredOn(r -> r.key().kind().equals("ConfigMap")).singleElement()
                    .satisfies(r -> assertThat(r.health()).hasValueSatisfying(h -> {
                        assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
                        assertThat(h.message()).isEqualTo("greeting hello");
                    }));
            assertThat(afterScale.status()).as("replicas are ignored on Deployments").isEqualTo(SyncStatus.SYNCED);
            assertThat(afterScale.resources()).extracting(ReconcileResult.ResourceStatus::key)
                    .extracting(ResourceKey::kind).contains("Deployment");
        }
    }

    @Test
    void theReconciliationTimeoutIsTheControllersRefreshInterval() {
        ArgoCdSettings settings = ArgoCdSettings.fromData(ARGOCD_CM, Map.of());
        try (ControllerFixture fixture = new ControllerFixture(temp)) {
            fixture.controller.close();
            fixture.scheduler = new ManualScheduler(fixture.clock);
            fixture.controller = settings.applyTo(fixture.gitops.controller().scheduler(fixture.scheduler)
                    .refreshInterval(Duration.ofMinutes(3)).jitter(Duration.ofMinutes(1))).build();
            fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                    .path(GuestbookRepository.PATH).destinationNamespace("guestbook")
                    .automated(AutomatedSync.of(true, false)).build());
            fixture.controller.start();
            fixture.run();
            assertThat(fixture.replicas()).isEqualTo(2);
            fixture.repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(3))
                    .commit("scale to 3");

            fixture.clock.advance(Duration.ofMinutes(9));
            fixture.run();
            assertThat(fixture.replicas()).as("nothing looks at Git before timeout.reconciliation").isEqualTo(2);
            fixture.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            fixture.run();
            assertThat(fixture.replicas()).isEqualTo(3);
        }
    }
}
