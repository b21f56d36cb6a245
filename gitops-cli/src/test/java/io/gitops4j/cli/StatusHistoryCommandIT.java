package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ClusterStateStore;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Applications;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gitops status} and {@code gitops history} over a kubeconfig, reading what an application controller stored. */
class StatusHistoryCommandIT {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCluster cluster = new FakeCluster();
    private FakeApiServer server;
    private Path kubeconfig;
    private Path appFile;
    private LocalRepository repo;

    @BeforeEach
    void start() throws IOException {
        server = FakeApiServer.start(cluster);
        kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
        repo = LocalRepository.init(temp.resolve("repo"));
        repo.write("app/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  colour: blue
                """).commit("add settings");
        appFile = Files.writeString(temp.resolve("app.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: shop
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: app
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: default
                  syncPolicy:
                    automated: {}
                """.formatted(repo.url()));
    }

    @AfterEach
    void stop() {
        server.close();
        repo.close();
    }

    @Test
    void statusAndHistoryShowWhatTheControllerStored() {
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        ManualScheduler scheduler = new ManualScheduler(Clock.systemUTC());
        try (ApplicationController controller = gitops.controller().scheduler(scheduler)
                .stateStore(new ClusterStateStore(cluster, "default")).build()) {
            controller.register(Applications.read(appFile).get(0));
            controller.start();
            scheduler.runUntilIdle();
        }

        int status = run("status", appFile.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("Sync Status: +Synced to [0-9a-f]{40}")
                .containsPattern("Operation: +Sync Succeeded")
                .containsPattern("ConfigMap +default +settings +Synced");

        out.getBuffer().setLength(0);
        int history = run("history", appFile.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(history).as(err.toString()).isZero();
        assertThat(out.toString().lines()).first().asString().matches("ID +DATE +REVISION +SOURCE +INITIATED BY");
        assertThat(out.toString()).containsPattern("\\n0 +\\S+ +[0-9a-f]{40} +file:\\S+ app +automated");
    }

    @Test
    void anUnknownFieldOfTheApplicationIsPrintedToStandardErrorAndShownAsACondition() throws IOException {
        Files.writeString(appFile, Files.readString(appFile).replace("automated: {}", "automated: {prunee: true}"));
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        ManualScheduler scheduler = new ManualScheduler(Clock.systemUTC());
        try (ApplicationController controller = gitops.controller().scheduler(scheduler)
                .stateStore(new ClusterStateStore(cluster, "default")).build()) {
            controller.register(Applications.read(appFile).get(0));
            controller.start();
            scheduler.runUntilIdle();
        }

        int status = run("status", appFile.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).isEqualTo("gitops status: warning: " + appFile + ":14: Application shop: "
                + "spec.syncPolicy.automated.prunee is not a field of an Argo CD Application and is ignored; did you "
                + "mean spec.syncPolicy.automated.prune?" + System.lineSeparator());
        assertThat(out.toString()).containsPattern("Sync Status: +Synced to [0-9a-f]{40}")
                .containsPattern("UnknownFieldWarning +\\S+:14: Application shop: spec.syncPolicy.automated.prunee");
    }

    @Test
    void anApplicationNoControllerReconciledIsAClearError() {
        int exit = run("status", appFile.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("gitops status: application shop has no state in ConfigMap "
                + "default/gitops4j-app-shop");
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
