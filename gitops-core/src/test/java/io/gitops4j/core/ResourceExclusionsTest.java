package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.argocd.ArgoCdSettings;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resource.exclusions} of argocd-cm applied by the controller, as Argo CD applies them: a
 * kind excluded is not applied from Git (an ExcludedResourceWarning says so) and a live object of
 * it is neither compared nor pruned, even with automated prune. The same steps without the
 * exclusion apply and prune, so the test tells the two apart.
 */
class ResourceExclusionsTest {

    private static final String EXCLUDE_CONFIG_MAPS = """
            - apiGroups:
              - ""
              kinds:
              - ConfigMap
              clusters:
              - https://kubernetes.default.svc
            """;

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void syncTheGuestbookWithItsConfigMap() {
        fixture = new ControllerFixture(temp);
        fixture.controller.register(guestbook());
        fixture.controller.start();
        fixture.run();
        assertThat(configMap("guestbook-settings")).as("synced before any exclusion").isTrue();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void anExcludedKindIsNeitherAppliedFromGitNorPrunedLive() {
        restartWith(ArgoCdSettings.fromData(Map.of("resource.exclusions", EXCLUDE_CONFIG_MAPS), Map.of()));

        replaceTheConfigMapInGit();

        assertThat(configMap("guestbook-settings")).as("the live ConfigMap Git dropped is not pruned").isTrue();
        assertThat(configMap("guestbook-extra")).as("the ConfigMap Git added is not applied").isFalse();
        ApplicationStatus status = fixture.controller.status("guestbook");
        assertThat(status.sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(status.resources()).extracting(r -> r.key().kind()).doesNotContain("ConfigMap")
                .contains("Deployment", "Service");
        assertThat(status.conditions()).filteredOn(c -> c.type() == ConditionType.EXCLUDED_RESOURCE_WARNING)
                .extracting(Condition::message).containsExactly("Resource /ConfigMap guestbook-extra is excluded in"
                        + " the settings");
    }

    @Test
    void withoutTheExclusionTheSameCommitIsAppliedAndPruned() {
        restartWith(ArgoCdSettings.defaults());

        replaceTheConfigMapInGit();

        assertThat(configMap("guestbook-settings")).isFalse();
        assertThat(configMap("guestbook-extra")).isTrue();
        assertThat(fixture.controller.status("guestbook").conditions()).isEmpty();
    }

    @Test
    void anExclusionForAnotherClusterLeavesThisOneAlone() {
        restartWith(ArgoCdSettings.fromData(Map.of("resource.exclusions",
                EXCLUDE_CONFIG_MAPS.replace("https://kubernetes.default.svc", "https://*.example.com")), Map.of()));

        replaceTheConfigMapInGit();

        assertThat(configMap("guestbook-settings")).isFalse();
        assertThat(configMap("guestbook-extra")).isTrue();
    }

    private void restartWith(ArgoCdSettings settings) {
        fixture.newController(settings::applyTo);
        fixture.controller.register(guestbook());
        fixture.controller.start();
        fixture.run();
    }

    private void replaceTheConfigMapInGit() {
        fixture.repo.delete(GuestbookRepository.PATH + "/configmap.yaml").write(GuestbookRepository.PATH + "/extra.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: guestbook-extra
                data:
                  greeting: hi
                """).commit("replace the settings");
        fixture.nextRound();
    }

    private boolean configMap(String name) {
        return fixture.cluster.get("v1", "ConfigMap", "guestbook", name).isPresent();
    }

    private Application guestbook() {
        return Application.builder("guestbook").repoURL(fixture.repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();
    }
}
