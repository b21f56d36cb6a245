package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.CustomResourceDefinitions;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;

/**
 * A cluster for {@code gitops app} tests: the HTTP fake API server with Argo CD's own CRDs (from
 * ../shared; GitOps4J's minimal ones where it is absent), a kubeconfig for the command, a Git
 * repository whose {@code app} directory holds a ConfigMap, and GitOps4J's controller reconciling
 * the Applications of {@code argocd} in this JVM, as {@code gitops controller} would.
 */
final class ControllerInTest implements AutoCloseable {

    static final String API = "argoproj.io/v1alpha1";
    /** How long a test waits for the controller; the commands are given as much. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final FakeCluster fake = new FakeCluster();
    final FakeApiServer server;
    final Path kubeconfig;
    final LocalRepository repo;
    private final KubernetesClient client;
    private final Fabric8Cluster cluster;
    private final ApplicationCrdController controller;

    ControllerInTest(Path temp) {
        fake.createFromYaml(argoCdCrd("application-crd.yaml.gz") + "\n---\n" + argoCdCrd("appproject-crd.yaml.gz")
                + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        cluster = new Fabric8Cluster(client);
        repo = LocalRepository.init(temp.resolve("repo"));
        controller = GitOps.builder().cluster(cluster).workDir(temp.resolve("controller")).build().crdController().build();
        controller.start();
    }

    /** Commits the app's ConfigMap with this colour; returns the commit. */
    String commitColour(String colour) {
        return repo.write("app/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                + "data:\n  colour: " + colour + "\n").commit("colour " + colour);
    }

    /** Creates the Application {@code shop} of {@code argocd} on the repository's {@code app}, into {@code default}. */
    void createApp(boolean automated, String finalizer) {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: shop
                  namespace: argocd
                %s
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: app
                    targetRevision: HEAD
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: default
                %s
                """.formatted(finalizer.isEmpty() ? "" : "  finalizers:\n  - " + finalizer, repo.url(),
                automated ? "  syncPolicy:\n    automated:\n      prune: true" : ""));
    }

    /** The Application once {@code done} holds for it (empty: once it is gone); fails after {@link #PATIENCE}. */
    Optional<ObjectNode> await(Predicate<Optional<ObjectNode>> done) {
        return new ApplicationWatch(cluster, applications(), "argocd", "shop").until(done, PATIENCE,
                "the application to get there");
    }

    /** The Application once the controller compared it at {@code revision}. */
    ObjectNode awaitComparedAt(String revision) {
        return await(app -> app.map(a -> a.at("/status/sync/revision").asText().equals(revision)
                && !a.has("operation")).orElse(false)).orElseThrow();
    }

    /** Changes the Application as a user with kubectl edit does, again on a conflict. */
    void edit(Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = app().orElseThrow();
            change.accept(app);
            try {
                fake.update(app);
                return;
            } catch (ClusterException e) {
                if (e.code() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    Optional<ObjectNode> app() {
        return fake.get(API, "Application", "argocd", "shop").map(o -> (ObjectNode) o);
    }

    ResourceType applications() {
        return fake.resourceType(API, "Application").orElseThrow();
    }

    /** The colour of the live ConfigMap, empty when there is none. */
    Optional<String> liveColour() {
        return fake.get("v1", "ConfigMap", "default", "settings").map(c -> c.at("/data/colour").asText());
    }

    /** Runs {@code gitops} with the arguments and the kubeconfig; standard input holds {@code input}. */
    Run gitopsWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        CommandLine delete = commandLine.getSubcommands().get("app").getSubcommands().get("delete");
        ((AppDeleteCommand) delete.getCommand()).input = new BufferedReader(new StringReader(input));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = kubeconfig.toString();
        int exit = commandLine.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    Run gitops(String... args) {
        return gitopsWithInput("", args);
    }

    /** What a command printed and its exit code. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    @Override
    public void close() {
        controller.close();
        client.close();
        server.close();
        repo.close();
    }

    /** Argo CD's own CRD from ../shared, or GitOps4J's minimal one of the same kind where it is absent. */
    private static String argoCdCrd(String file) {
        for (Path dir : List.of(Path.of("../../shared/data/argocd-crds"), Path.of("/work/shared/data/argocd-crds"))) {
            Path crd = dir.resolve(file);
            if (Files.exists(crd)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(crd))) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        String kind = file.startsWith("appproject") ? "appprojects" : "applications";
        return List.of(CustomResourceDefinitions.yaml().split("\n---\n")).stream()
                .filter(doc -> doc.contains("name: " + kind + ".argoproj.io")).findFirst().orElseThrow();
    }
}
