package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.core.webhook.WebhookRequest;
import io.gitops4j.core.webhook.WebhookResult;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a set generate again in controller mode, as Argo CD's applicationset-controller: a
 * cluster Secret added, relabelled or deleted (sets with a {@code clusters} generator), a Git push
 * to {@code /api/webhook} (sets whose {@code git} generators read the pushed repository and
 * revision) and a generator's {@code requeueAfterSeconds} on the injected clock. Against an API
 * server over HTTP with Argo CD's CRDs; the generated Applications have no automated sync, so
 * nothing but these triggers moves the clock or the sets.
 */
class ApplicationSetTriggersIT {

    private static final String API = "argoproj.io/v1alpha1";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private FakeApiServer server;
    private KubernetesClient client;
    private LocalRepository repo;
    private ManualScheduler scheduler;
    private ApplicationCrdController controller;

    @BeforeEach
    void start() {
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz",
                "applicationset-crd.yaml.gz"));
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        repo = LocalRepository.init(temp.resolve("repo"));
        for (String env : List.of("dev", "prod")) {
            repo.write("envs/" + env + "/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                    + "data:\n  env: " + env + "\n");
        }
        repo.commit("two environments");
        scheduler = new ManualScheduler(clock);
        GitOps gitops = GitOps.builder().cluster(new Fabric8Cluster(client)).workDir(temp.resolve("work")).clock(clock)
                .build();
        controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler).jitter(Duration.ZERO))
                .applicationSets().applicationSetScheduler(scheduler).build();
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
        server.close();
        repo.close();
    }

    @Test
    void aClusterSecretAddedRelabelledOrDeletedGeneratesTheSetsWithAClustersGeneratorAgain() {
        createClusterSecret("prod-eu", "prod");
        createSet("prod-clusters", """
                  - clusters:
                      selector:
                        matchLabels: {env: prod}
                """, "'{{name}}-settings'", "envs/prod");
        createSet("in-a-matrix", """
                  - matrix:
                      generators:
                      - list:
                          elements: [{suffix: m}]
                      - clusters:
                          selector:
                            matchLabels: {env: prod}
                """, "'{{name}}-{{suffix}}'", "envs/prod");
        runUntil(() -> applications().equals(List.of("prod-eu-m", "prod-eu-settings")));

        createClusterSecret("prod-us", "prod");
        runUntil(() -> applications().equals(List.of("prod-eu-m", "prod-eu-settings", "prod-us-m", "prod-us-settings")));

        editSecret("prod-eu", secret -> secret.with("metadata").with("labels").put("env", "dev"));
        runUntil(() -> applications().equals(List.of("prod-us-m", "prod-us-settings")));

        fake.delete(io.gitops4j.cluster.BuiltInResourceTypes.SECRET, "argocd", "prod-us");
        runUntil(() -> applications().isEmpty());
    }

    @Test
    void aPushToTheWebhookGeneratesTheSetsWhoseGitGeneratorsReadThatRepositoryAndRevision() {
        createSet("at-main", gitDirectories("main", ""), "'main-{{path.basename}}'", "'{{path}}'");
        createSet("at-head", gitDirectories("HEAD", ""), "'head-{{path.basename}}'", "'{{path}}'");
        runUntil(() -> applications().equals(List.of("head-dev", "head-prod", "main-dev", "main-prod")));
        repo.write("envs/qa/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        repo.commit("qa");
        WebhookHandler webhooks = WebhookHandler.builder(controller::refresh).build();

        WebhookResult other = webhooks.handle(push("refs/heads/feature", repo.url()));
        WebhookResult elsewhere = webhooks.handle(push("refs/heads/main", "https://github.com/example/other"));
        settle();
        assertThat(other.status()).isEqualTo(200);
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(applications()).as("a push of another branch moves only the generator at HEAD")
                .containsExactly("head-dev", "head-prod", "head-qa", "main-dev", "main-prod");

        webhooks.handle(push("refs/heads/main", repo.url()));
        runUntil(() -> applications().contains("main-qa"));
    }

    @Test
    void requeueAfterSecondsGeneratesTheSetAgainOnTheInjectedClock() {
        createSet("requeued", gitDirectories("HEAD", "requeueAfterSeconds: 30"), "'{{path.basename}}'", "'{{path}}'");
        runUntil(() -> applications().equals(List.of("dev", "prod")));
        settle();
        repo.write("envs/qa/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        repo.commit("qa");
        Instant generated = Instant.parse(condition(set("requeued"), "ParametersGenerated").path("lastTransitionTime")
                .asText());

        clock.set(generated.plusSeconds(29));
        settle();
        assertThat(applications()).as("not before 30 s").containsExactly("dev", "prod");

        clock.set(generated.plusSeconds(30));
        runUntil(() -> applications().equals(List.of("dev", "prod", "qa")));
    }

    private static String gitDirectories(String revision, String extra) {
        return """
                  - git:
                      repoURL: REPO
                      revision: %s
                      directories: [{path: 'envs/*'}]
                      %s
                """.formatted(revision, extra);
    }

    private WebhookRequest push(String ref, String url) {
        String body = "{\"ref\": \"" + ref + "\", \"repository\": {\"html_url\": \"" + url
                + "\", \"default_branch\": \"main\"}}";
        return WebhookRequest.post(Map.of("X-GitHub-Event", "push", "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private void createSet(String name, String generators, String appName, String path) {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  generators:
                %s
                  template:
                    metadata:
                      name: %s
                    spec:
                      project: default
                      source: {repoURL: %s, targetRevision: HEAD, path: %s}
                      destination: {server: https://kubernetes.default.svc, namespace: settings}
                """.formatted(name, generators.replace("REPO", repo.url()).stripTrailing(), appName, repo.url(), path));
    }

    private void createClusterSecret(String name, String env) {
        fake.createFromYaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  namespace: argocd
                  labels: {argocd.argoproj.io/secret-type: cluster, env: %s}
                stringData:
                  name: %s
                  server: https://%s.example.com
                  config: '{"bearerToken": "not-used-here"}'
                """.formatted(name, env, name, name));
    }

    private void editSecret(String name, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode secret = (ObjectNode) fake.get("v1", "Secret", "argocd", name).orElseThrow();
        change.accept(secret);
        fake.update(secret);
    }

    /** The Applications of argocd not being deleted, sorted by name. */
    private List<String> applications() {
        return fake.objects().stream().filter(o -> o.path("kind").asText().equals("Application")
                && !o.path("metadata").has("deletionTimestamp")).map(o -> o.at("/metadata/name").asText()).sorted()
                .toList();
    }

    private JsonNode set(String name) {
        return fake.get(API, "ApplicationSet", "argocd", name).orElseThrow(() -> new AssertionError("no set " + name));
    }

    private static JsonNode condition(JsonNode set, String type) {
        for (JsonNode condition : set.at("/status/conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        throw new AssertionError("no condition " + type + " in " + set.path("status"));
    }

    private void settle() {
        for (int i = 0; i < 20; i++) {
            scheduler.runUntilIdle();
            fake.controllers().tick();
            pause();
        }
    }

    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> fake.controllers().tick(),
                () -> "not there within 30 s: applications " + applications() + ", sets "
                        + fake.objects().stream().filter(o -> o.path("kind").asText().equals("ApplicationSet"))
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
