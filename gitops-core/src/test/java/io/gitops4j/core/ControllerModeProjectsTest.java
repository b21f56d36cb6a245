package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.ClusterAppProjects;
import io.gitops4j.core.crd.CustomResourceDefinitions;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controller mode judging Application objects by the AppProject objects of the cluster
 * ({@link ClusterAppProjects}): a project that forbids the destination blocks its applications
 * with the reason and nothing is applied; once the project allows it, the application is synced.
 */
class ControllerModeProjectsTest {

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private LocalRepository repo;
    private ManualScheduler scheduler;
    private ApplicationCrdController controller;

    @BeforeEach
    void start() {
        fake.createFromYaml(CustomResourceDefinitions.yaml());
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        fake.createFromYaml(project("team-a"));
        repo = GuestbookRepository.create(temp.resolve("repo"));
        GitOps gitops = GitOps.builder().cluster(fake).workDir(temp.resolve("work")).clock(clock).pacer(next -> {
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            fake.controllers().tick();
        }).build();
        scheduler = new ManualScheduler(clock);
        ClusterAppProjects projects = new ClusterAppProjects(fake, "argocd", clock, Duration.ofSeconds(10));
        controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler).jitter(Duration.ZERO)
                .projects(projects)).build();
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        repo.close();
    }

    @Test
    void aProjectInTheClusterThatForbidsTheDestinationBlocksTheApplicationUntilItAllowsIt() {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  namespace: argocd
                spec:
                  project: team-a
                  source:
                    repoURL: %s
                    path: %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: guestbook
                  syncPolicy:
                    automated: {}
                """.formatted(repo.url(), GuestbookRepository.PATH));
        scheduler.runUntilIdle();

        JsonNode status = fake.get("argoproj.io/v1alpha1", "Application", "argocd", "guestbook").orElseThrow()
                .path("status");
        assertThat(status.at("/conditions/0/type").asText()).isEqualTo("InvalidSpecError");
        assertThat(status.at("/conditions/0/message").asText()).contains("team-a", "guestbook");
        assertThat(fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).as("nothing applied").isEmpty();

        ObjectNode project = fake.get("argoproj.io/v1alpha1", "AppProject", "argocd", "team-a").orElseThrow();
        ((ObjectNode) project.at("/spec/destinations/0")).put("namespace", "guestbook");
        fake.update(project);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        scheduler.runUntilIdle();

        assertThat(fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isPresent();
        assertThat(fake.get("argoproj.io/v1alpha1", "Application", "argocd", "guestbook").orElseThrow()
                .at("/status/sync/status").asText()).isEqualTo("Synced");
    }

    @Test
    void aManualOperationInADenyWindowWithoutManualSyncIsRefusedWithArgoCdsMessage() {
        ObjectNode project = fake.get("argoproj.io/v1alpha1", "AppProject", "argocd", "team-a").orElseThrow();
        ((ObjectNode) project.at("/spec/destinations/0")).put("namespace", "guestbook");
        ((ObjectNode) project.path("spec")).putArray("syncWindows").addObject().put("kind", "deny")
                .put("schedule", "0 11 * * *").put("duration", "2h").putArray("applications").add("*");
        fake.update(project);
        fake.createFromYaml(manualApplication());
        scheduler.runUntilIdle();

        requestOperation("alice");
        scheduler.runUntilIdle();

        ObjectNode app = fake.get("argoproj.io/v1alpha1", "Application", "argocd", "guestbook").orElseThrow();
        assertThat(app.has("operation")).as("the refused operation is cleared").isFalse();
        assertThat(app.at("/status/operationState/phase").asText()).isEqualTo("Failed");
        assertThat(app.at("/status/operationState/message").asText()).contains("blocked by sync window",
                "manual sync of application 'guestbook' is inside deny window syncWindows[0]", "team-a");
        assertThat(app.at("/status/operationState/operation/initiatedBy/username").asText()).isEqualTo("alice");
        assertThat(fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).as("nothing applied").isEmpty();
    }

    @Test
    void aManualOperationInADenyWindowWithManualSyncRuns() {
        ObjectNode project = fake.get("argoproj.io/v1alpha1", "AppProject", "argocd", "team-a").orElseThrow();
        ((ObjectNode) project.at("/spec/destinations/0")).put("namespace", "guestbook");
        ((ObjectNode) project.path("spec")).putArray("syncWindows").addObject().put("kind", "deny")
                .put("schedule", "0 11 * * *").put("duration", "2h").put("manualSync", true)
                .putArray("applications").add("*");
        fake.update(project);
        fake.createFromYaml(manualApplication());
        scheduler.runUntilIdle();

        requestOperation("alice");
        scheduler.runUntilIdle();

        ObjectNode app = fake.get("argoproj.io/v1alpha1", "Application", "argocd", "guestbook").orElseThrow();
        assertThat(app.has("operation")).isFalse();
        assertThat(app.at("/status/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isPresent();
    }

    private String manualApplication() {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  namespace: argocd
                spec:
                  project: team-a
                  source:
                    repoURL: %s
                    path: %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: guestbook
                  syncPolicy:
                    syncOptions: [CreateNamespace=true]
                """.formatted(repo.url(), GuestbookRepository.PATH);
    }

    /** What {@code argocd app sync} (or a kubectl patch) writes: a {@code .operation} by a user. */
    private void requestOperation(String user) {
        ObjectNode app = fake.get("argoproj.io/v1alpha1", "Application", "argocd", "guestbook").orElseThrow();
        ObjectNode operation = app.putObject("operation");
        operation.putObject("sync").put("revision", "HEAD");
        operation.putObject("initiatedBy").put("username", user);
        fake.update(app);
    }

    private String project(String allowedNamespace) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata:
                  name: team-a
                  namespace: argocd
                spec:
                  sourceRepos: ['*']
                  destinations:
                  - server: https://kubernetes.default.svc
                    namespace: %s
                  clusterResourceWhitelist:
                  - group: ''
                    kind: Namespace
                """.formatted(allowedNamespace);
    }
}
