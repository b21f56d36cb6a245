package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.GitRepositoryFiles;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.CustomResourceDefinitions;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ApplicationSets in controller mode against an API server over HTTP (fabric8 to the fake cluster)
 * with Argo CD's CustomResourceDefinitions: the test stands in for a user with kubectl, creating,
 * changing and deleting ApplicationSet objects; the controller writes their Applications into the
 * cluster, reconciles those, and writes the sets' status.
 */
class ApplicationSetCrdControllerIT {

    private static final String API = "argoproj.io/v1alpha1";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private FakeApiServer server;
    private KubernetesClient client;
    private LocalRepository repo;
    private CountingCluster cluster;
    private ManualScheduler scheduler;
    private ApplicationCrdController controller;
    private int controllers;

    @BeforeEach
    void start() {
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz",
                "applicationset-crd.yaml.gz"));
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        cluster = new CountingCluster(new Fabric8Cluster(client));
        repo = LocalRepository.init(temp.resolve("repo"));
        for (String service : List.of("api", "web", "worker")) {
            for (String env : List.of("dev", "prod")) {
                repo.write("apps/" + service + "/" + env + "/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: %s
                        data:
                          env: %s
                        """.formatted(service, env));
            }
        }
        for (String env : List.of("dev", "staging", "prod")) {
            repo.write("envs/" + env + "/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                    + "data:\n  env: " + env + "\n");
        }
        repo.commit("three services, two environments; three environments");
        startController();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
        server.close();
        repo.close();
    }

    /** A controller as {@code gitops controller} starts one; called again, a restarted one with nothing in memory. */
    private void startController() {
        controllers++;
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work" + controllers)).clock(clock)
                .pacer(next -> {
                    if (next.isAfter(clock.instant())) {
                        clock.set(next);
                    }
                    fake.controllers().tick();
                }).build();
        scheduler = new ManualScheduler(clock);
        GitSource git = GitSource.builder(temp.resolve("appset-git" + controllers)).clock(clock).build();
        controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler).jitter(Duration.ZERO))
                .applicationSets(ApplicationSetGenerator.builder().repositories(new GitRepositoryFiles(git)).build())
                .applicationSetScheduler(scheduler).build();
        controller.start();
    }

    @Test
    void theGuidesMatrixOfThreeServicesAndTwoEnvironmentsBecomesSixApplicationsInTheClusterThatAreSynced() {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: services
                  namespace: argocd
                spec:
                  generators:
                  - matrix:
                      generators:
                      - git:
                          repoURL: %s
                          revision: HEAD
                          directories:
                          - path: apps/*
                      - list:
                          elements:
                          - env: dev
                          - env: prod
                  template:
                    metadata:
                      name: '{{path.basename}}-{{env}}'
                      labels:
                        env: '{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        targetRevision: HEAD
                        path: '{{path}}/{{env}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{path.basename}}-{{env}}'
                      syncPolicy:
                        automated:
                          prune: true
                        syncOptions:
                        - CreateNamespace=true
                """.formatted(repo.url(), repo.url()));

        runUntil(() -> applications().size() == 6 && applications().values().stream()
                .allMatch(a -> a.at("/status/sync/status").asText().equals("Synced")));

        Map<String, JsonNode> apps = applications();
        assertThat(apps).containsOnlyKeys("api-dev", "api-prod", "web-dev", "web-prod", "worker-dev", "worker-prod");
        JsonNode webProd = apps.get("web-prod");
        assertThat(webProd.at("/spec/source/path").asText()).isEqualTo("apps/web/prod");
        assertThat(webProd.at("/spec/destination/namespace").asText()).isEqualTo("web-prod");
        assertThat(webProd.at("/metadata/labels/env").asText()).isEqualTo("prod");
        assertThat(webProd.at("/metadata/finalizers/0").asText()).isEqualTo("resources-finalizer.argocd.argoproj.io");
        JsonNode owner = webProd.at("/metadata/ownerReferences/0");
        assertThat(owner.path("kind").asText()).isEqualTo("ApplicationSet");
        assertThat(owner.path("name").asText()).isEqualTo("services");
        assertThat(owner.path("uid").asText()).isEqualTo(set("services").at("/metadata/uid").asText());
        assertThat(owner.path("controller").asBoolean()).isTrue();
        for (String service : List.of("api", "web", "worker")) {
            for (String env : List.of("dev", "prod")) {
                assertThat(fake.get("v1", "ConfigMap", service + "-" + env, service)).as(service + "-" + env)
                        .hasValueSatisfying(c -> assertThat(c.at("/data/env").asText()).isEqualTo(env));
            }
        }

        runUntil(() -> resourceStatuses("services").equals(List.of("Synced", "Synced", "Synced", "Synced", "Synced",
                "Synced")));
        JsonNode status = set("services").path("status");
        assertThat(condition(status, "ErrorOccurred").path("status").asText()).isEqualTo("False");
        assertThat(condition(status, "ParametersGenerated").path("status").asText()).isEqualTo("True");
        assertThat(condition(status, "ResourcesUpToDate").path("status").asText()).isEqualTo("True");
        assertThat(condition(status, "ResourcesUpToDate").path("reason").asText()).isEqualTo("ApplicationSetUpToDate");
        assertThat(status.path("resourcesCount").asInt()).isEqualTo(6);
        JsonNode first = status.at("/resources/0");
        assertThat(first.path("kind").asText()).isEqualTo("Application");
        assertThat(first.path("group").asText()).isEqualTo("argoproj.io");
        assertThat(first.path("name").asText()).isEqualTo("api-dev");
        assertThat(first.path("namespace").asText()).isEqualTo("argocd");
        assertThat(first.at("/health/status").asText()).isEqualTo("Healthy");
    }

    @Test
    void theDefaultClustersGeneratorReadsTheClusterSecretsAtEveryGeneration() {
        controller.close();
        scheduler = new ManualScheduler(clock);
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work-defaults")).clock(clock).build();
        controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler).jitter(Duration.ZERO))
                .applicationSets().applicationSetScheduler(scheduler).build();
        controller.start();
        createClusterSecret("prod-eu", "prod");
        createClusterSecret("dev-eu", "dev");
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: prod-clusters
                  namespace: argocd
                spec:
                  generators:
                  - clusters:
                      selector:
                        matchLabels: {env: prod}
                  template:
                    metadata:
                      name: '{{name}}-settings'
                    spec:
                      project: default
                      source: {repoURL: %s, targetRevision: HEAD, path: envs/prod}
                      destination: {server: '{{server}}', namespace: settings}
                """.formatted(repo.url()));
        runUntil(() -> applications().containsKey("prod-eu-settings"));
        assertThat(applications().get("prod-eu-settings").at("/spec/destination/server").asText())
                .isEqualTo("https://prod-eu.example.com");

        createClusterSecret("prod-us", "prod");   // its watch event alone generates the set again

        runUntil(() -> applications().containsKey("prod-us-settings"));
        assertThat(applications()).containsOnlyKeys("prod-eu-settings", "prod-us-settings");
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

    @Test
    void aRegenerationWithNothingChangedWritesNothing() {
        createListSet("envs", "sync", List.of("dev", "prod"), false);
        runUntil(() -> applications().size() == 2 && resourceStatuses("envs").equals(List.of("Synced", "Synced")));
        settle();
        int before = cluster.writes().size();

        controller.applicationSets().orElseThrow().reconciler().reconcile("argocd/envs");
        clock.advance(Duration.ofMinutes(4));
        settle();

        assertThat(cluster.writes().subList(before, cluster.writes().size())).isEmpty();
    }

    @Test
    void afterARestartAnElementRemovedFromTheListDeletesItsApplicationBecauseOwnershipIsReadFromTheCluster() {
        createListSet("envs", "create-delete", List.of("dev", "staging", "prod"), false);
        runUntil(() -> applications().size() == 3 && fake.get("v1", "ConfigMap", "staging", "settings").isPresent());

        controller.close();
        startController();
        editSet("envs", set -> setElements(set, List.of("dev", "prod")));

        runUntil(() -> !applications().containsKey("staging"));
        assertThat(applications()).containsOnlyKeys("dev", "prod");
        runUntil(() -> fake.get("v1", "ConfigMap", "staging", "settings").isEmpty());
    }

    @Test
    void createOnlyAndCreateUpdateNeverDeleteAnApplicationNoLongerGenerated() {
        createListSet("envs", "create-update", List.of("dev", "prod"), false);
        runUntil(() -> applications().size() == 2);

        editSet("envs", set -> setElements(set, List.of("dev")));
        runUntil(() -> condition(set("envs").path("status"), "ResourcesUpToDate").path("status").asText()
                .equals("False"));

        assertThat(applications()).containsOnlyKeys("dev", "prod");
        assertThat(condition(set("envs").path("status"), "ResourcesUpToDate").path("message").asText())
                .contains("prod", "create-update");
    }

    @Test
    void preserveResourcesOnDeletionGeneratesNoFinalizerSoADeletedApplicationLeavesItsResources() {
        createListSet("envs", "sync", List.of("dev", "prod"), true);
        runUntil(() -> applications().size() == 2 && fake.get("v1", "ConfigMap", "prod", "settings").isPresent());
        assertThat(applications().get("prod").path("metadata").has("finalizers")).isFalse();

        editSet("envs", set -> setElements(set, List.of("dev")));

        runUntil(() -> !applications().containsKey("prod"));
        settle();
        assertThat(fake.get("v1", "ConfigMap", "prod", "settings")).as("its resources stay").isPresent();
    }

    @Test
    void aTemplateErrorWritesErrorOccurredAndDeletesNothing() {
        createListSet("envs", "sync", List.of("dev", "prod"), false);
        runUntil(() -> applications().size() == 2);

        editSet("envs", set -> {
            ((ObjectNode) set.path("spec")).put("goTemplate", true).putArray("goTemplateOptions").add("missingkey=error");
            ((ObjectNode) set.at("/spec/template/metadata")).put("name", "{{.env}}-{{.missing}}");
        });

        runUntil(() -> condition(set("envs").path("status"), "ErrorOccurred").path("status").asText().equals("True"));
        JsonNode error = condition(set("envs").path("status"), "ErrorOccurred");
        assertThat(error.path("message").asText()).contains("missing", "spec.generators[0]");
        settle();
        assertThat(applications()).as("no Application is deleted because of an error").containsOnlyKeys("dev", "prod");
    }

    @Test
    void aSetThatCannotBeReadWritesErrorOccurredNamingTheFieldAndTouchesNothing() {
        createListSet("envs", "sync", List.of("dev", "prod"), false);
        runUntil(() -> applications().size() == 2);

        editSet("envs", set -> ((ObjectNode) set.path("spec")).putArray("generators"));

        runUntil(() -> condition(set("envs").path("status"), "ErrorOccurred").path("status").asText().equals("True"));
        assertThat(condition(set("envs").path("status"), "ErrorOccurred").path("message").asText())
                .contains("ApplicationSet argocd/envs", "spec.generators must list at least one generator");
        settle();
        assertThat(applications()).containsOnlyKeys("dev", "prod");

        editSet("envs", set -> ((ObjectNode) set.path("spec")).putArray("generators").addObject().putObject("list")
                .putArray("elements").addObject().put("env", "dev"));
        runUntil(() -> !applications().containsKey("prod") && condition(set("envs").path("status"), "ErrorOccurred")
                .path("status").asText().equals("False"));
    }

    @Test
    void anApplicationOfTheSameNameTheSetDoesNotOwnIsNotTakenOver() {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: prod
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: envs/prod
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: by-hand
                """.formatted(repo.url()));
        createListSet("envs", "sync", List.of("dev", "prod"), false);

        runUntil(() -> applications().size() == 2 && condition(set("envs").path("status"), "ResourcesUpToDate")
                .path("status").asText().equals("False"));
        assertThat(applications().get("prod").at("/spec/destination/namespace").asText()).isEqualTo("by-hand");
        assertThat(applications().get("prod").at("/metadata/ownerReferences").isMissingNode()).isTrue();

        editSet("envs", set -> setElements(set, List.of("dev")));
        runUntil(() -> set("envs").at("/status/resourcesCount").asInt() == 1);
        assertThat(applications()).as("not the set's to delete").containsKey("prod");
    }

    @Test
    void deletingTheSetDeletesItsApplicationsAsTheGarbageCollectorDoes() {
        createListSet("envs", "sync", List.of("dev", "prod"), false);
        runUntil(() -> applications().size() == 2 && fake.get("v1", "ConfigMap", "dev", "settings").isPresent());

        client.genericKubernetesResources(API, "ApplicationSet").inNamespace("argocd").withName("envs").delete();

        runUntil(() -> applications().isEmpty() && fake.get("v1", "ConfigMap", "dev", "settings").isEmpty());
    }

    @Test
    void aRollingSyncTurnsOffAutomatedSyncSyncsStepByStepAndWritesApplicationStatus() {
        createListSet("envs", "sync", List.of(), false);
        editSet("envs", set -> {
            ((ObjectNode) set.at("/spec/template/metadata")).putObject("labels").put("env", "{{env}}");
            ObjectNode rolling = ((ObjectNode) set.path("spec")).putObject("strategy").put("type", "RollingSync")
                    .putObject("rollingSync");
            var steps = rolling.putArray("steps");
            for (String env : List.of("dev", "prod")) {
                steps.addObject().putArray("matchExpressions").addObject().put("key", "env").put("operator", "In")
                        .putArray("values").add(env);
            }
            setElements(set, List.of("dev", "prod"));
        });

        runUntil(() -> rollout("envs").equals(Map.of("dev", "Healthy", "prod", "Healthy")));

        assertThat(applications().get("dev").at("/spec/syncPolicy").has("automated")).as("the rollout syncs it").isFalse();
        assertThat(fake.get("v1", "ConfigMap", "prod", "settings")).isPresent();
        // the entries come in the order the applications were first seen, which the watch decides
        JsonNode prod = java.util.stream.StreamSupport.stream(
                set("envs").at("/status/applicationStatus").spliterator(), false)
                .filter(entry -> entry.path("application").asText().equals("prod")).findFirst().orElseThrow();
        assertThat(prod.path("step").asText()).isEqualTo("2");
        assertThat(prod.path("lastTransitionTime").isTextual()).isTrue();
    }

    @Test
    void aRestartedControllerResumesTheRolloutAtTheStepItsStatusRecordsInsteadOfStartingOver() {
        createListSet("envs", "sync", List.of(), false);
        editSet("envs", set -> {
            ((ObjectNode) set.at("/spec/template/metadata")).putObject("labels").put("env", "{{env}}");
            var steps = ((ObjectNode) set.path("spec")).putObject("strategy").put("type", "RollingSync")
                    .putObject("rollingSync").putArray("steps");
            steps.addObject().putArray("matchExpressions").addObject().put("key", "env").put("operator", "In")
                    .putArray("values").add("dev");
            ObjectNode prodStep = steps.addObject().put("maxUpdate", 0);   // holds the rollout at step 2
            prodStep.putArray("matchExpressions").addObject().put("key", "env").put("operator", "In")
                    .putArray("values").add("prod");
            setElements(set, List.of("dev", "prod"));
        });
        runUntil(() -> rollout("envs").equals(Map.of("dev", "Healthy", "prod", "Waiting")));
        settle();
        String devHealthySince = set("envs").at("/status/applicationStatus/0/lastTransitionTime").asText();
        // dev's resource goes away: dev turns OutOfSync at the same revision, which does not send a
        // Healthy application of a rollout back to Waiting (Argo CD's rule)
        fake.delete(io.gitops4j.cluster.BuiltInResourceTypes.CONFIG_MAP, "dev", "settings");
        ObjectNode devApp = (ObjectNode) applications().get("dev");
        ((ObjectNode) devApp.path("metadata")).putObject("annotations").put("argocd.argoproj.io/refresh", "normal");
        fake.update(devApp);
        runUntil(() -> applications().get("dev").at("/status/sync/status").asText().equals("OutOfSync"));
        settle();
        assertThat(rollout("envs")).isEqualTo(Map.of("dev", "Healthy", "prod", "Waiting"));
        controller.close();
        // while no controller runs, step 2 is let go
        editSet("envs", set -> ((ObjectNode) set.at("/spec/strategy/rollingSync/steps/1")).remove("maxUpdate"));

        startController();
        runUntil(() -> rollout("envs").get("prod").equals("Healthy"));

        assertThat(fake.get("v1", "ConfigMap", "prod", "settings")).as("step 2 synced").isPresent();
        assertThat(fake.get("v1", "ConfigMap", "dev", "settings")).as("step 1 is not rolled out again").isEmpty();
        JsonNode dev = set("envs").at("/status/applicationStatus/0");
        assertThat(dev.path("status").asText()).isEqualTo("Healthy");
        assertThat(dev.path("lastTransitionTime").asText()).as("kept from before the restart").isEqualTo(devHealthySince);
    }

    @Test
    void preservedFieldsAndIgnoredDifferencesKeepWhatUsersChangedOnTheGeneratedApplications() {
        createListSet("envs", "sync", List.of("dev"), false);
        editSet("envs", set -> {
            ObjectNode spec = (ObjectNode) set.path("spec");
            ObjectNode preserved = spec.putObject("preservedFields");
            preserved.putArray("annotations").add("team-note");
            preserved.putArray("labels").add("owner");
            var ignore = spec.putArray("ignoreApplicationDifferences");
            ignore.addObject().putArray("jsonPointers").add("/spec/source/targetRevision");
            ignore.addObject().put("name", "dev").putArray("jqPathExpressions").add(".spec.info");
        });
        runUntil(() -> applications().containsKey("dev") && resourceStatuses("envs").equals(List.of("Synced")));
        settle();
        editApplication("dev", app -> {
            ((ObjectNode) app.path("metadata")).putObject("annotations").put("team-note", "paged on 12-05");
            ((ObjectNode) app.path("metadata")).putObject("labels").put("owner", "alice");
            ((ObjectNode) app.at("/spec/source")).put("targetRevision", "main");
            ((ObjectNode) app.path("spec")).putArray("info").addObject().put("name", "ticket").put("value", "OPS-1");
        });
        settle();

        var unchanged = controller.applicationSets().orElseThrow().reconciler().reconcile("argocd/envs");
        assertThat(unchanged.lastChanges().updated()).as("differs only in preserved and ignored fields").isEmpty();

        editSet("envs", set -> ((ObjectNode) set.at("/spec/template/metadata")).putObject("labels").put("tier", "web"));
        runUntil(() -> applications().get("dev").at("/metadata/labels/tier").asText().equals("web"));
        JsonNode dev = applications().get("dev");
        assertThat(dev.at("/metadata/annotations/team-note").asText()).isEqualTo("paged on 12-05");
        assertThat(dev.at("/metadata/labels/owner").asText()).isEqualTo("alice");
        assertThat(dev.at("/spec/source/targetRevision").asText()).isEqualTo("main");
        assertThat(dev.at("/spec/info/0/value").asText()).isEqualTo("OPS-1");
        assertThat(dev.at("/spec/source/path").asText()).as("the rest still generated").isEqualTo("envs/dev");
    }

    @Test
    void anInvalidIgnoreApplicationDifferencesIsAnErrorOccurredNamingTheFieldAndTouchesNothing() {
        createListSet("envs", "sync", List.of("dev"), false);
        runUntil(() -> applications().containsKey("dev"));
        editSet("envs", set -> ((ObjectNode) set.path("spec")).putArray("ignoreApplicationDifferences").addObject()
                .putArray("jsonPointers").add("spec/no-leading-slash"));
        runUntil(() -> condition(set("envs").path("status"), "ErrorOccurred").path("status").asText().equals("True"));

        assertThat(condition(set("envs").path("status"), "ErrorOccurred").path("message").asText())
                .contains("argocd/envs", "spec.ignoreApplicationDifferences");
        assertThat(applications()).containsOnlyKeys("dev");
    }

    private void editApplication(String name, java.util.function.Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = fake.get(API, "Application", "argocd", name).map(o -> (ObjectNode) o).orElseThrow();
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

    /** {@code status.applicationStatus} of the set: each application's progressive sync status. */
    private Map<String, String> rollout(String name) {
        Map<String, String> statuses = new TreeMap<>();
        set(name).at("/status/applicationStatus").forEach(a -> statuses.put(a.path("application").asText(),
                a.path("status").asText()));
        return statuses;
    }

    private void createListSet(String name, String policy, List<String> envs, boolean preserve) {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  generators:
                  - list:
                      elements: []
                  template:
                    metadata:
                      name: '{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        targetRevision: HEAD
                        path: 'envs/{{env}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{env}}'
                      syncPolicy:
                        automated:
                          prune: true
                        syncOptions:
                        - CreateNamespace=true
                  syncPolicy:
                    applicationsSync: %s
                    preserveResourcesOnDeletion: %s
                """.formatted(name, repo.url(), policy, preserve));
        editSet(name, set -> setElements(set, envs));
    }

    private static void setElements(ObjectNode set, List<String> envs) {
        var elements = ((ObjectNode) set.at("/spec/generators/0/list")).putArray("elements");
        envs.forEach(env -> elements.addObject().put("env", env));
    }

    /** The Applications of argocd not being deleted, by name. */
    private Map<String, JsonNode> applications() {
        Map<String, JsonNode> apps = new TreeMap<>();
        fake.objects().stream().filter(o -> o.path("kind").asText().equals("Application")
                && o.at("/metadata/namespace").asText().equals("argocd")
                && !o.path("metadata").has("deletionTimestamp"))
                .forEach(o -> apps.put(o.at("/metadata/name").asText(), o));
        return apps;
    }

    /** The sync status of each Application in the set's {@code status.resources}. */
    private List<String> resourceStatuses(String name) {
        List<String> statuses = new java.util.ArrayList<>();
        set(name).at("/status/resources").forEach(r -> statuses.add(r.path("status").asText()));
        return statuses;
    }

    private JsonNode set(String name) {
        return fake.get(API, "ApplicationSet", "argocd", name).orElseThrow(() -> new AssertionError("no set " + name));
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Changes a set as a user with kubectl edit does. */
    private void editSet(String name, java.util.function.Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode set = fake.get(API, "ApplicationSet", "argocd", name).map(o -> (ObjectNode) o).orElseThrow();
            change.accept(set);
            try {
                fake.update(set);
                return;
            } catch (io.gitops4j.cluster.ClusterException e) {
                if (e.code() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** Lets watch events arrive and the controller run until nothing more happens for a while. */
    private void settle() {
        for (int i = 0; i < 20; i++) {
            scheduler.runUntilIdle();
            fake.controllers().tick();
            pause();
        }
    }

    /** Runs the controller's due work until {@code done}; watch events arrive on the HTTP client's threads. */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> fake.controllers().tick(),
                () -> "the controller did not get there within 30 s: applications "
                        + applications().keySet() + ", sets " + fake.objects().stream()
                                .filter(o -> o.path("kind").asText().equals("ApplicationSet"))
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
