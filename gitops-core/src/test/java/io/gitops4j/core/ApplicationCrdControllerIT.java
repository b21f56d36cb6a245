package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.CustomResourceDefinitions;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controller mode against an API server over HTTP (fabric8 to the fake cluster) with Argo CD's own
 * CustomResourceDefinitions installed (GitOps4J's minimal ones where ../shared is absent): the test
 * stands in for a user with kubectl, creating, changing and deleting Application objects and
 * reading the status the controller writes into them.
 */
class ApplicationCrdControllerIT {

    private static final Duration INTERVAL = Duration.ofMinutes(3);
    private static final String API = "argoproj.io/v1alpha1";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
    private FakeApiServer server;
    private KubernetesClient client;
    private LocalRepository repo;
    private CountingCluster cluster;
    private ManualScheduler scheduler;
    private ApplicationCrdController controller;

    @BeforeEach
    void start() {
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz"));
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        repo = GuestbookRepository.create(temp.resolve("repo"));
        cluster = new CountingCluster(new Fabric8Cluster(client));
        startController();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
        server.close();
        repo.close();
    }

    private void startController() {
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock).pacer(next -> {
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            fake.controllers().tick();
        }).build();
        scheduler = new ManualScheduler(clock);
        controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler).refreshInterval(INTERVAL)
                .jitter(Duration.ZERO).listener(events::add)).build();
        controller.start();
    }

    @Test
    void aCreatedApplicationIsSyncedAndItsStatusIsWrittenAsArgoCdWritesIt() {
        createApp("guestbook", true, "");

        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced")
                && status("guestbook").at("/health/status").asText().equals("Healthy"));

        JsonNode status = status("guestbook");
        assertThat(status.at("/sync/revision").asText()).isEqualTo(head());
        assertThat(status.at("/sync/comparedTo/source/repoURL").asText()).isEqualTo(repo.url());
        assertThat(status.at("/sync/comparedTo/destination/namespace").asText()).isEqualTo("guestbook");
        assertThat(status.at("/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(status.at("/operationState/operation/initiatedBy/automated").asBoolean()).isTrue();
        assertThat(status.at("/operationState/syncResult/revision").asText()).isEqualTo(head());
        assertThat(status.at("/operationState/syncResult/resources")).extracting(r -> r.path("kind").asText())
                .contains("Deployment", "Service", "ConfigMap");
        assertThat(status.at("/operationState/startedAt").asText()).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(status.at("/operationState/finishedAt").isTextual()).isTrue();
        assertThat(status.at("/history")).hasSize(1);
        assertThat(status.at("/history/0/id").asInt()).isZero();
        assertThat(status.at("/history/0/revision").asText()).isEqualTo(head());
        assertThat(status.at("/history/0/source/path").asText()).isEqualTo(GuestbookRepository.PATH);
        assertThat(status.at("/resources")).anySatisfy(r -> {
            assertThat(r.path("group").asText()).isEqualTo("apps");
            assertThat(r.path("version").asText()).isEqualTo("v1");
            assertThat(r.path("kind").asText()).isEqualTo("Deployment");
            assertThat(r.path("namespace").asText()).isEqualTo("guestbook");
            assertThat(r.path("status").asText()).isEqualTo("Synced");
            assertThat(r.at("/health/status").asText()).isEqualTo("Healthy");
        });
        assertThat(status.at("/reconciledAt").isTextual()).isTrue();
        assertThat(status.at("/summary/images/0").asText()).isEqualTo("gcr.io/heptio-images/ks-guestbook-demo:0.2");
        assertThat(status.at("/sourceType").asText()).isEqualTo("Directory");
        assertThat(fake.get(API, "AppProject", "argocd", "default")).as("the default project").isPresent();
    }

    @Test
    void aRoundWhereNothingChangedWritesNothing() {
        createApp("guestbook", true, "");
        runUntil(() -> status("guestbook").at("/health/status").asText().equals("Healthy"));
        settle();
        int before = cluster.writes().size();

        clock.advance(INTERVAL.plusSeconds(1));
        settle();
        clock.advance(INTERVAL.plusSeconds(1));
        settle();

        assertThat(cluster.writes().subList(before, cluster.writes().size())).isEmpty();
    }

    @Test
    void aSyncWritesEachStatusOverTheWatchedObjectWithoutReadingItFirst() {
        int getsBefore = cluster.gets().size();
        int writesBefore = cluster.writes().size();
        createApp("guestbook", true, "");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced")
                && status("guestbook").at("/health/status").asText().equals("Healthy"));
        settle();

        List<String> gets = cluster.gets().subList(getsBefore, cluster.gets().size());
        List<String> statusWrites = cluster.writes().subList(writesBefore, cluster.writes().size()).stream()
                .filter(w -> w.equals("update Application argocd/guestbook")).toList();
        assertThat(gets).as("no read of the Application, before a status update or to load its state (there"
                + " was one per status saved)").doesNotContain("get Application argocd/guestbook");
        assertThat(statusWrites).as("the statuses of the sync").isNotEmpty();
        assertThat(status("guestbook").at("/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(gets).as("what the sync applied is not read again: its PATCH returned it (there was one GET"
                + " per object written)").noneMatch(get -> get.contains(" guestbook/"));
        assertThat(status("guestbook").at("/sync/status").asText()).as("the comparison after the sync saw what it"
                + " wrote").isEqualTo("Synced");
        assertThat(cluster.writes().subList(writesBefore, cluster.writes().size()))
                .filteredOn(w -> w.equals("patch Deployment guestbook/guestbook-ui"))
                .as("one apply, no self-heal of what looked like drift").hasSize(1);
    }

    @Test
    void aCommitIsSyncedAndADriftIsHealed() {
        createApp("guestbook", true, "");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced"));

        repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(4)).commit("scale to 4");
        clock.advance(INTERVAL.plusSeconds(1));
        runUntil(() -> replicas() == 4 && status("guestbook").at("/sync/revision").asText().equals(head())
                && status("guestbook").at("/sync/status").asText().equals("Synced"));
        assertThat(status("guestbook").at("/history")).hasSize(2);

        client.apps().deployments().inNamespace("guestbook").withName("guestbook-ui").scale(7);
        runUntil(() -> replicas() == 4);
        assertThat(status("guestbook").at("/history")).as("a self-heal is no new history entry").hasSize(2);
    }

    @Test
    void theRefreshAnnotationRefreshesAndIsRemoved() {
        createApp("guestbook", true, "");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced"));
        repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(3)).commit("scale to 3");

        edit("guestbook", app -> ((ObjectNode) app.path("metadata")).putObject("annotations")
                .put("argocd.argoproj.io/refresh", "normal"));

        runUntil(() -> replicas() == 3 && !app("guestbook").orElseThrow().at("/metadata/annotations")
                .has("argocd.argoproj.io/refresh"));
        assertThat(status("guestbook").at("/sync/revision").asText()).as("no interval passed").isEqualTo(head());
    }

    @Test
    void anOperationIsRunAndClearedItsOutcomeInTheOperationState() {
        createApp("guestbook", false, "");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("OutOfSync"));
        assertThat(replicas()).as("nothing synced without automation").isEqualTo(-1);

        edit("guestbook", app -> {
            ObjectNode operation = app.putObject("operation");
            operation.putObject("sync").put("revision", "HEAD").put("prune", true).putArray("syncOptions")
                    .add("CreateNamespace=true");
            operation.putObject("initiatedBy").put("username", "alice");
            operation.putObject("retry").put("limit", 2);
        });

        runUntil(() -> !app("guestbook").orElseThrow().has("operation")
                && status("guestbook").at("/operationState/phase").asText().equals("Succeeded"));
        JsonNode state = status("guestbook").at("/operationState");
        assertThat(state.at("/operation/initiatedBy/username").asText()).isEqualTo("alice");
        assertThat(state.at("/operation/sync/prune").asBoolean()).isTrue();
        assertThat(state.at("/operation/sync/syncOptions/0").asText()).isEqualTo("CreateNamespace=true");
        assertThat(state.at("/operation/retry/limit").asInt()).isEqualTo(2);
        assertThat(state.at("/syncResult/revision").asText()).isEqualTo(head());
        assertThat(replicas()).isEqualTo(2);
        assertThat(status("guestbook").at("/history/0/initiatedBy/username").asText()).isEqualTo("alice");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced"));
    }

    @Test
    void deletingWithTheResourcesFinalizerDeletesTheResourcesFirst() {
        createApp("guestbook", true, "resources-finalizer.argocd.argoproj.io");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced") && replicas() == 2);

        fake.delete(applications(), "argocd", "guestbook");

        runUntil(() -> app("guestbook").isEmpty());
        assertThat(replicas()).as("the Deployment was deleted").isEqualTo(-1);
        assertThat(fake.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isEmpty();
    }

    @Test
    void anApplicationDeletedWhileNoControllerRanHasItsResourcesDeletedByTheNextOne() {
        createApp("guestbook", true, "resources-finalizer.argocd.argoproj.io");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced") && replicas() == 2);
        controller.close();

        fake.delete(applications(), "argocd", "guestbook");
        assertThat(app("guestbook")).as("held by its finalizer").isPresent();
        startController();

        runUntil(() -> app("guestbook").isEmpty());
        assertThat(replicas()).isEqualTo(-1);
    }

    @Test
    void deletingWithoutTheFinalizerKeepsTheResources() {
        createApp("guestbook", true, "");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced") && replicas() == 2);

        fake.delete(applications(), "argocd", "guestbook");
        settle();

        assertThat(app("guestbook")).isEmpty();
        assertThat(replicas()).isEqualTo(2);
        assertThat(controller.statuses()).doesNotContainKey("guestbook");
    }

    @Test
    void aRestartedControllerDoesNotSyncAgainWhatWasSynced() {
        restartAfterDriftWithoutSelfHeal(false);
    }

    @Test
    void aControllerTakingOverFromArgoCdReadsTheLastSyncFromTheOperationState() {
        restartAfterDriftWithoutSelfHeal(true);
    }

    /**
     * Automated sync without self-heal syncs a revision once: a drift afterwards stays. A
     * controller that forgot the sync (its state not kept in the Application) would sync the
     * drifted revision again after a restart.
     */
    private void restartAfterDriftWithoutSelfHeal(boolean asArgoCdLeftIt) {
        fake.createFromYaml(appYaml("guestbook", true, "").replace("      selfHeal: true", "      selfHeal: false"));
        runUntil(() -> status("guestbook").at("/health/status").asText().equals("Healthy"));
        client.apps().deployments().inNamespace("guestbook").withName("guestbook-ui").scale(7);
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("OutOfSync"));
        settle();
        assertThat(replicas()).as("no self-heal").isEqualTo(7);
        String startedAt = status("guestbook").at("/operationState/startedAt").asText();
        controller.close();
        if (asArgoCdLeftIt) {
            edit("guestbook", app -> ((ObjectNode) app.at("/metadata/annotations")).remove("gitops4j.io/last-sync-attempt"));
        }
        events.clear();

        clock.advance(Duration.ofMinutes(1));
        startController();
        settle();
        clock.advance(INTERVAL.plusSeconds(1));
        settle();

        assertThat(events).noneMatch(e -> e.type() == ApplicationEvent.Type.SYNC_STARTED);
        assertThat(replicas()).isEqualTo(7);
        assertThat(status("guestbook").at("/operationState/startedAt").asText()).isEqualTo(startedAt);
        assertThat(status("guestbook").at("/history")).hasSize(1);
        assertThat(status("guestbook").at("/sync/status").asText()).isEqualTo("OutOfSync");
        assertThat(controller.statuses().get("guestbook").history()).hasSize(1);
    }

    @Test
    void anApplicationCreatedWhileTheWatchWasDownIsFoundByTheNextList() {
        createApp("guestbook", true, "");
        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced"));

        fake.faults().dropWatches("Application");
        createApp("second", false, "");

        runUntil(() -> app("second").orElseThrow().at("/status/sync/comparedTo").isObject());
        assertThat(controller.statuses()).containsKeys("guestbook", "second");
    }

    @Test
    void anInvalidApplicationGetsAnInvalidSpecErrorAndTheOthersGoOn() {
        fake.createFromYaml(appYaml("broken", true, "").replace("spec:\n", "spec:\n  revisionHistoryLimit: -1\n"));
        createApp("guestbook", true, "");

        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced")
                && status("broken").at("/conditions/0/type").asText().equals("InvalidSpecError"));

        assertThat(status("broken").at("/conditions/0/message").asText()).contains("spec.revisionHistoryLimit");
        assertThat(status("broken").at("/sync/status").asText()).isEqualTo("Unknown");
        assertThat(controller.statuses()).containsKey("guestbook").doesNotContainKey("broken");

        edit("broken", app -> ((ObjectNode) app.path("spec")).put("revisionHistoryLimit", 3));
        runUntil(() -> status("broken").at("/sync/status").asText().equals("Synced")
                && status("broken").path("conditions").isEmpty());
    }

    @Test
    void anUnknownFieldIsAnUnknownFieldWarningConditionAndTheApplicationStillSyncs() {
        fake.createFromYaml(appYaml("guestbook", true, "").replace("      prune: true\n", "      prunee: true\n"));

        runUntil(() -> status("guestbook").at("/sync/status").asText().equals("Synced")
                && status("guestbook").at("/conditions/0/type").asText().equals("UnknownFieldWarning"));

        assertThat(status("guestbook").at("/conditions/0/message").asText()).isEqualTo("argocd/guestbook: Application "
                + "guestbook: spec.syncPolicy.automated.prunee is not a field of an Argo CD Application and is ignored; "
                + "did you mean spec.syncPolicy.automated.prune?");
        assertThat(replicas()).isEqualTo(2);

        edit("guestbook", app -> ((ObjectNode) app.at("/spec/syncPolicy/automated")).remove("prunee"));
        runUntil(() -> status("guestbook").path("conditions").isEmpty());
        assertThat(status("guestbook").at("/sync/status").asText()).isEqualTo("Synced");
    }

    private void createApp(String name, boolean automated, String finalizer) {
        fake.createFromYaml(appYaml(name, automated, finalizer));
    }

    private String appYaml(String name, boolean automated, String finalizer) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                %s
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: %s
                    targetRevision: HEAD
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: guestbook
                %s
                """.formatted(name, finalizer.isEmpty() ? "" : "  finalizers:\n  - " + finalizer, repo.url(),
                GuestbookRepository.PATH, automated ? "  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true" : "");
    }

    private String head() {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(temp.resolve("repo").toFile())) {
            return git.getRepository().resolve("HEAD").name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ResourceType applications() {
        return fake.resourceType(API, "Application").orElseThrow();
    }

    private Optional<ObjectNode> app(String name) {
        return fake.get(API, "Application", "argocd", name).map(o -> (ObjectNode) o);
    }

    private JsonNode status(String name) {
        return app(name).map(a -> a.path("status")).orElseThrow(() -> new AssertionError("no Application " + name));
    }

    /** Changes an Application as a user with kubectl edit does. */
    private void edit(String name, Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = app(name).orElseThrow();
            change.accept(app);
            try {
                fake.update(app);
                return;
            } catch (io.gitops4j.cluster.ClusterException e) {
                if (e.code() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private int replicas() {
        return fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")
                .map(d -> ((ObjectNode) d).at("/spec/replicas").asInt()).orElse(-1);
    }

    /** Lets watch events arrive and the controller run until nothing more happens for a while. */
    private void settle() {
        for (int i = 0; i < 20; i++) {
            scheduler.runUntilIdle();
            fake.controllers().tick();
            pause();
        }
    }

    /**
     * Runs the controller's due work until {@code done}: watch events arrive on the HTTP client's
     * threads, so the test gives them up to 30 s to arrive (it asserts no duration).
     */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> fake.controllers().tick(),
                () -> "the controller did not get there within 30 s: " + fake.objects().stream()
                        .filter(o -> o.path("kind").asText().equals("Application"))
                        .map(o -> o.at("/metadata/name").asText() + ": " + o.path("status")).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
