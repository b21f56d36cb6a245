package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gitops crds}, {@code gitops controller} and {@code gitops app} against a fake cluster over a kubeconfig. */
class ControllerCommandIT {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCluster cluster = new FakeCluster();
    private FakeApiServer server;
    private Path kubeconfig;

    @BeforeEach
    void start() {
        server = FakeApiServer.start(cluster);
        kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void crdsPrintsDefinitionsThatServeArgoCdsKinds() {
        CommandLine commandLine = commandLine();
        assertThat(commandLine.execute("crds")).isZero();

        cluster.createFromYaml(out.toString());

        assertThat(cluster.resourceType("argoproj.io/v1alpha1", "Application")).isPresent();
        assertThat(cluster.resourceType("argoproj.io/v1alpha1", "AppProject")).isPresent();
        assertThat(cluster.resourceType("argoproj.io/v1alpha1", "ApplicationSet")).isPresent();
    }

    @Test
    void theControllerSyncsAnApplicationWritesItsStatusAndStopsWhenAsked() throws Exception {
        commandLine().execute("crds");
        cluster.createFromYaml(out.toString() + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        out.getBuffer().setLength(0);
        try (LocalRepository repo = LocalRepository.init(temp.resolve("repo"))) {
            repo.write("app/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                    + "data:\n  colour: blue\n").commit("add settings");
            cluster.createFromYaml("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: shop
                      namespace: argocd
                    spec:
                      source:
                        repoURL: %s
                        path: app
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: default
                      syncPolicy:
                        automated: {}
                    """.formatted(repo.url()));
            CommandLine commandLine = commandLine();
            ControllerCommand command = commandLine.getSubcommands().get("controller").getCommand();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("controller",
                    "--kubeconfig", kubeconfig.toString(), "--work-dir", temp.resolve("work").toString()));

            waitFor(() -> cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "shop")
                    .map(app -> app.at("/status/sync/status").asText().equals("Synced")).orElse(false), exit);
            assertThat(cluster.get("v1", "ConfigMap", "default", "settings")).isPresent();
            assertThat(cluster.get("argoproj.io/v1alpha1", "AppProject", "argocd", "default")).isPresent();

            StringWriter app = new StringWriter();
            CommandLine appCommand = GitOpsCommand.commandLine();
            appCommand.setOut(new PrintWriter(app, true));
            appCommand.setErr(new PrintWriter(err, true));
            assertThat(appCommand.execute("app", "list", "--kubeconfig", kubeconfig.toString())).isZero();
            assertThat(app.toString()).containsPattern("shop +default +Synced +Healthy +[0-9a-f]{40}");
            app.getBuffer().setLength(0);
            assertThat(appCommand.execute("app", "get", "shop", "--kubeconfig", kubeconfig.toString())).isZero();
            assertThat(app.toString()).contains("Sync Status:", "Synced to ").containsPattern("ConfigMap +default +settings +Synced");
            app.getBuffer().setLength(0);
            assertThat(appCommand.execute("app", "sync", "shop", "--dry-run", "--kubeconfig", kubeconfig.toString()))
                    .as(err.toString()).isZero();
            assertThat(app.toString()).containsPattern("ConfigMap +default +settings +Synced +unchanged")
                    .contains("Phase:    Succeeded", "dry run succeeded");
            assertThat(cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "shop").orElseThrow().has("operation"))
                    .as("cleared").isFalse();
            // the event of the outcome follows the status write the command waited for
            waitFor(() -> out.toString().contains("shop: Dry run to"), exit);
            command.stopRequested.countDown();

            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString()).contains("reconciling the Applications of argocd every 3m")
                .containsPattern("shop: Sync operation to [0-9a-f]{7} succeeded").contains("shop: Dry run to").endsWith("stopped\n");
    }

    @Test
    void theControllerWritesTheApplicationsOfAnApplicationSetAndSyncsThem() throws Exception {
        commandLine().execute("crds");
        cluster.createFromYaml(out.toString() + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        try (LocalRepository repo = LocalRepository.init(temp.resolve("repo"))) {
            for (String env : List.of("dev", "prod")) {
                repo.write("envs/" + env + "/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
            }
            repo.commit("two environments");
            cluster.createFromYaml("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: ApplicationSet
                    metadata:
                      name: envs
                      namespace: argocd
                    spec:
                      generators:
                      - list:
                          elements:
                          - env: dev
                          - env: prod
                      template:
                        metadata:
                          name: 'shop-{{env}}'
                        spec:
                          project: default
                          source:
                            repoURL: %s
                            path: 'envs/{{env}}'
                          destination:
                            server: https://kubernetes.default.svc
                            namespace: '{{env}}'
                          syncPolicy:
                            automated: {}
                            syncOptions: [CreateNamespace=true]
                    """.formatted(repo.url()));
            CommandLine commandLine = commandLine();
            ControllerCommand command = commandLine.getSubcommands().get("controller").getCommand();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("controller",
                    "--kubeconfig", kubeconfig.toString(), "--work-dir", temp.resolve("work").toString()));

            waitFor(() -> cluster.get("v1", "ConfigMap", "dev", "settings").isPresent()
                    && cluster.get("v1", "ConfigMap", "prod", "settings").isPresent(), exit);
            assertThat(cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "shop-prod").orElseThrow()
                    .at("/metadata/ownerReferences/0/name").asText()).isEqualTo("envs");
            command.stopRequested.countDown();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void startListsEachKindOfSecretOnceAndOneWatchOfClusterSecretsFeedsTheDestinationsAndTheGenerator()
            throws Exception {
        commandLine().execute("crds");
        cluster.createFromYaml(out.toString() + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        out.getBuffer().setLength(0);
        io.gitops4j.fake.RequestCounts.Snapshot before = cluster.requests().snapshot();
        CommandLine commandLine = commandLine();
        ControllerCommand command = commandLine.getSubcommands().get("controller").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("controller",
                "--kubeconfig", kubeconfig.toString(), "--work-dir", temp.resolve("work").toString()));
        waitFor(() -> out.toString().contains("reconciling the Applications of argocd"), exit);

        cluster.createFromYaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: staging-secret
                  namespace: argocd
                  labels:
                    argocd.argoproj.io/secret-type: cluster
                    env: staging
                stringData:
                  name: staging
                  server: %s
                  config: '{"bearerToken": "t0ken"}'
                """.formatted(server.url()));
        waitFor(() -> out.toString().contains("destination cluster staging from Secret staging-secret"), exit);
        // counted before any application goes to the staging destination, whose own live-state cache
        // (the same fake API server here) would list every kind again
        java.util.Map<String, Long> requests = cluster.requests().snapshot().minus(before).byVerbAndKind();
        cluster.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: clusters
                  namespace: argocd
                spec:
                  generators:
                  - clusters:
                      selector:
                        matchLabels:
                          env: staging
                  template:
                    metadata:
                      name: '{{name}}-shop'
                    spec:
                      project: default
                      source:
                        repoURL: https://git.example.com/shop.git
                        path: app
                      destination:
                        server: '{{server}}'
                        namespace: shop
                """);
        waitFor(() -> cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "staging-shop").isPresent(), exit);
        command.stopRequested.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();

        // the live-state cache lists and watches every served kind once, Secrets as ConfigMaps; beyond that:
        assertThat(requests.get("LIST /Secret") - requests.get("LIST /ConfigMap")).as("repository, repo-creds and"
                + " cluster Secrets: one LIST each (the repository Secrets were listed for Git and again for Helm,"
                + " the cluster Secrets by the destinations and again by every clusters generation)").isEqualTo(3);
        assertThat(requests.get("WATCH /Secret") - requests.get("WATCH /ConfigMap")).as("one watch of cluster Secrets")
                .isEqualTo(1);
        assertThat(cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "staging-shop").orElseThrow()
                .at("/spec/destination/server").asText()).as("the generator saw the Secret added after start")
                .isEqualTo(server.url());
    }

    @Test
    void argocdCmSetsTheRefreshIntervalAndThePortServesHealthAndMetrics() throws Exception {
        commandLine().execute("crds");
        cluster.createFromYaml(out.toString() + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: argocd
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                  namespace: argocd
                data:
                  timeout.reconciliation: 10m
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: broken-cluster
                  namespace: argocd
                  labels:
                    argocd.argoproj.io/secret-type: cluster
                stringData:
                  name: staging
                """);
        out.getBuffer().setLength(0);
        try (LocalRepository repo = LocalRepository.init(temp.resolve("repo"))) {
            repo.write("app/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")
                    .commit("add settings");
            cluster.createFromYaml("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: shop
                      namespace: argocd
                    spec:
                      source:
                        repoURL: %s
                        path: app
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: default
                    """.formatted(repo.url()));
            CommandLine commandLine = commandLine();
            ControllerCommand command = commandLine.getSubcommands().get("controller").getCommand();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("controller",
                    "--kubeconfig", kubeconfig.toString(), "--work-dir", temp.resolve("work").toString(),
                    "--port", "0"));
            waitFor(() -> out.toString().contains("on port "), exit);
            String port = out.toString().replaceAll("(?s).*on port ([0-9]+).*", "$1");
            waitFor(() -> cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "shop")
                    .map(app -> app.at("/status/sync/status").asText().equals("OutOfSync")).orElse(false), exit);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknownProvider = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/webhook")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            command.stopRequested.countDown();

            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).containsPattern("argocd_app_info\\{[^}]*name=\"shop\"[^}]*sync_status=\"OutOfSync\"");
            assertThat(unknownProvider.statusCode()).isEqualTo(400);
        }
        assertThat(out.toString()).contains("every 10m (timeout.reconciliation of argocd-cm)")
                .containsPattern("warning: .*broken-cluster");
    }

    @Test
    void argoCdsTrackingAnnotationTakesOverWhatArgoCdDeployed() throws Exception {
        commandLine().execute("crds");
        cluster.createFromYaml(out.toString() + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: argocd
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: removed-from-git
                  namespace: default
                  annotations:
                    argocd.argoproj.io/tracking-id: shop:/ConfigMap:default/removed-from-git
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: someone-elses
                  namespace: default
                  annotations:
                    argocd.argoproj.io/tracking-id: billing:/ConfigMap:default/someone-elses
                """);
        try (LocalRepository repo = LocalRepository.init(temp.resolve("repo"))) {
            repo.write("app/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")
                    .commit("add settings");
            cluster.createFromYaml("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: shop
                      namespace: argocd
                    spec:
                      source:
                        repoURL: %s
                        path: app
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: default
                      syncPolicy:
                        automated:
                          prune: true
                    """.formatted(repo.url()));
            CommandLine commandLine = commandLine();
            ControllerCommand command = commandLine.getSubcommands().get("controller").getCommand();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("controller",
                    "--kubeconfig", kubeconfig.toString(), "--work-dir", temp.resolve("work").toString(),
                    "--tracking-annotation", "argocd.argoproj.io/tracking-id"));

            // one sync applies settings and prunes removed-from-git, in an order of its own
            waitFor(() -> cluster.get("v1", "ConfigMap", "default", "removed-from-git").isEmpty()
                    && cluster.get("v1", "ConfigMap", "default", "settings").isPresent(), exit);
            command.stopRequested.countDown();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings").orElseThrow()
                .at("/metadata/annotations").get("argocd.argoproj.io/tracking-id").asText())
                .isEqualTo("shop:/ConfigMap:default/settings");
        assertThat(cluster.get("v1", "ConfigMap", "default", "someone-elses")).as("another app's").isPresent();
    }

    @Test
    void aClusterWithoutTheApplicationCrdIsOneLineSayingHowToInstallIt() {
        int exit = commandLine().execute("controller", "--kubeconfig", kubeconfig.toString(), "--work-dir",
                temp.resolve("work").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("gitops controller: ").contains("gitops crds | kubectl apply -f -")
                .hasLineCount(1);
    }

    @Test
    void aRefreshIntervalThatIsNoDurationIsAUsageError() {
        int exit = commandLine().execute("controller", "--refresh", "often");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--refresh");
    }

    private CommandLine commandLine() {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /** Polls until done (the controller runs on the wall clock here, as the command does); at most a minute. */
    private void waitFor(BooleanSupplier done, CompletableFuture<Integer> exit) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!done.getAsBoolean()) {
            if (exit.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the controller did not sync: " + out + err);
            }
            Thread.sleep(50);
        }
    }
}
