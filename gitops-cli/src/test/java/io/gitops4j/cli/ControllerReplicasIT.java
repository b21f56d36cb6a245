package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two {@code gitops controller --replicas 2} processes (here: two commands in threads, each with its
 * own client) against one fake cluster over a kubeconfig, as in the README's story: they split the
 * Applications, and a replica stopped with Ctrl-C hands its shard to the other. On the wall clock,
 * as the command runs.
 */
class ControllerReplicasIT {

    @TempDir
    Path temp;

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

    /** One running {@code gitops controller}. */
    private final class Replica {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ControllerCommand command;
        final CompletableFuture<Integer> exit;

        Replica(String id) {
            CommandLine commandLine = GitOpsCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            command = commandLine.getSubcommands().get("controller").getCommand();
            exit = new CompletableFuture<>();
            Thread thread = new Thread(() -> exit.complete(commandLine.execute("controller", "--kubeconfig",
                    kubeconfig.toString(), "--work-dir", temp.resolve("work-" + id).toString(), "--replicas", "2",
                    "--shard-lease", "shop-controller", "--replica-id", id)), "gitops-controller-" + id);
            thread.setDaemon(true);
            thread.start();   // a thread of its own: the common pool may have a single one on a small machine
        }

        int stop() throws Exception {
            command.stopRequested.countDown();
            return exit.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoReplicasSplitTheApplicationsAndAStoppedOneHandsItsShardOver() throws Exception {
        StringWriter crds = new StringWriter();
        CommandLine crdsCommand = GitOpsCommand.commandLine();
        crdsCommand.setOut(new PrintWriter(crds, true));
        crdsCommand.execute("crds");
        cluster.createFromYaml(crds + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        try (LocalRepository repo = LocalRepository.init(temp.resolve("repo"))) {
            for (String app : new String[] {"shop", "blog"}) {
                repo.write(app + "/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + app
                        + "\ndata:\n  colour: blue\n");
            }
            repo.commit("two apps");
            createApp("shop", repo.url(), "");
            createApp("blog", repo.url(), "gitops4j.io/shard: \"1\"");

            Replica a = new Replica("replica-a");
            waitFor(() -> a.out.toString().contains("sharing the Applications"), a);
            Replica b = new Replica("replica-b");
            waitFor(() -> synced("shop") && synced("blog"), a, b);

            assertThat(a.out.toString()).contains("sharing the Applications among 2 replicas as replica-a "
                    + "(Leases argocd/shop-controller-0..1)").contains("shop: Sync operation").doesNotContain("blog:");
            assertThat(b.out.toString()).contains("blog: Sync operation").doesNotContain("shop:");
            assertThat(cluster.get("coordination.k8s.io/v1", "Lease", "argocd", "shop-controller-1").orElseThrow()
                    .at("/spec/holderIdentity").asText()).isEqualTo("replica-b");
            assertThat(a.out.toString()).as("ApplicationSets stay on, reconciled by the leader").contains(
                    "ApplicationSets by the holder of the Lease argocd/58ac56fa.applicationsets.argoproj.io")
                    .doesNotContain("ApplicationSets are not reconciled");
            waitFor(() -> cluster.get("coordination.k8s.io/v1", "Lease", "argocd", "58ac56fa.applicationsets.argoproj.io")
                    .map(l -> l.at("/spec/holderIdentity").asText().equals("replica-a")).orElse(false), a, b);

            assertThat(b.stop()).isZero();
            assertThat(b.out.toString()).endsWith("stopped\n");
            waitFor(() -> cluster.get("coordination.k8s.io/v1", "Lease", "argocd", "shop-controller-1")
                    .map(l -> l.at("/spec/holderIdentity").asText().equals("replica-a")).orElse(false), a);
            repo.write("blog/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blog\ndata:\n"
                    + "  colour: green\n").commit("green blog");
            askForRefresh("blog");
            waitFor(() -> cluster.get("v1", "ConfigMap", "default", "blog")
                    .map(c -> c.at("/data/colour").asText().equals("green")).orElse(false), a);
            waitFor(() -> a.out.toString().contains("blog: Sync operation"), a);   // printed once the sync completed
            assertThat(a.stop()).isZero();
        }
    }

    @Test
    void aShardLeaseWithoutReplicasAndABadLeaseNameAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("controller", "--shard-lease", "shop")).isEqualTo(2);
        assertThat(err.toString()).contains("--shard-lease and --replica-id need --replicas");
        assertThat(commandLine.execute("controller", "--replicas", "2", "--shard-lease", "Shop_Leases")).isEqualTo(2);
        assertThat(err.toString()).contains("'Shop_Leases' is not a DNS label");
        assertThat(commandLine.execute("controller", "--replicas", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("replicas must be between 1 and 1000, not 0");
    }

    private void createApp(String name, String repoUrl, String annotation) {
        cluster.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                  annotations: {%s}
                spec:
                  source:
                    repoURL: %s
                    path: %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: default
                  syncPolicy:
                    automated: {prune: true}
                """.formatted(name, annotation, repoUrl, name));
    }

    private void askForRefresh(String name) {
        ObjectNode app = (ObjectNode) cluster.get("argoproj.io/v1alpha1", "Application", "argocd", name).orElseThrow()
                .deepCopy();
        app.with("metadata").with("annotations").put("argocd.argoproj.io/refresh", "normal");
        cluster.update(app);
    }

    private boolean synced(String name) {
        return cluster.get("argoproj.io/v1alpha1", "Application", "argocd", name)
                .map(app -> app.at("/status/sync/status").asText().equals("Synced")).orElse(false);
    }

    /** Polls until done (the controllers run on the wall clock here, as the command does); at most a minute. */
    private static void waitFor(BooleanSupplier done, Replica... replicas) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!done.getAsBoolean()) {
            if (java.util.Arrays.stream(replicas).anyMatch(r -> r.exit.isDone()) || System.nanoTime() > deadline) {
                throw new AssertionError("not there: " + java.util.Arrays.stream(replicas).map(r -> r.out + "" + r.err)
                        .toList());
            }
            Thread.sleep(50);
        }
    }
}
