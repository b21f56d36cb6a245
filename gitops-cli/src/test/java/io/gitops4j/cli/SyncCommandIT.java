package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gitops sync} into the HTTP fake cluster through a kubeconfig, as a user runs it. */
class SyncCommandIT {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCluster cluster = new FakeCluster();
    private FakeApiServer server;
    private Path kubeconfig;
    private Path app;

    @BeforeEach
    void start() throws IOException {
        server = FakeApiServer.start(cluster);
        kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
        app = Files.createDirectories(temp.resolve("repo/app"));
        try (Stream<Path> files = Files.list(fixture())) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve(file.getFileName().toString()));
            }
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void syncsTheDirectoryAndPrintsEachResourcesPhaseWaveActionAndMessage() {
        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "--namespace", "shop");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).first().asString()
                .matches("PHASE +WAVE +KIND +NAMESPACE +NAME +ACTION +STATUS +MESSAGE");
        assertThat(out.toString()).containsPattern("Sync +0 +Namespace +shop +created +Succeeded")
                .containsPattern("Sync +0 +Deployment +shop +web +created +Succeeded +created")
                .contains("Sync Succeeded: successfully synced (all tasks run): 3 of 3 resources changed");
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow()
                .at("/metadata/annotations/gitops4j.io~1tracking-id").asText()).isEqualTo("shop:apps/Deployment:shop/web");
    }

    @Test
    void aDryRunChangesNothing() {
        String before = cluster.resourceVersion();

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "--dry-run");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Sync Succeeded: dry run succeeded");
        assertThat(cluster.resourceVersion()).isEqualTo(before);
    }

    @Test
    void aRemovedFileIsPrunedWithPruneAndJsonSaysSo() throws IOException {
        run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop");
        Files.delete(app.resolve("settings.yaml"));
        out.getBuffer().setLength(0);

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop", "--prune",
                "-o", "json");

        assertThat(exit).isZero();
        JsonNode report = Json.parseObject(out.toString(), "stdout");
        assertThat(report.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(report.path("resources").findValuesAsText("action")).contains("pruned");
        assertThat(cluster.get("v1", "ConfigMap", "shop", "settings")).isEmpty();
    }

    @Test
    void aFailedSyncExitsOneAndNamesTheResource() {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        cluster.faults().inject(Fault.failing(422).always().on(Verb.PATCH).forKind("apps", "Deployment"));

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("Sync Failed: one or more objects failed to apply (dry run): "
                + "apps/Deployment/shop/web");
        assertThat(cluster.get("v1", "ConfigMap", "shop", "settings")).isEmpty();
    }

    @Test
    void applySetTrackingLetsKubectlUsersSeeTheSet() {
        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop",
                "--tracking", "applyset");

        assertThat(exit).as(err.toString()).isZero();
        String id = cluster.get("v1", "Secret", "shop", "shop").orElseThrow()
                .at("/metadata/labels/applyset.kubernetes.io~1id").asText();
        assertThat(id).startsWith("applyset-").endsWith("-v1");
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow()
                .at("/metadata/labels/applyset.kubernetes.io~1part-of").asText()).isEqualTo(id);
    }

    @Test
    void afterAFailedSyncTheTableSaysRunningForNothing() throws IOException {
        // Objects in a namespace the sync creates are not dry run: the bad name fails at the real
        // apply, beside objects that were applied and a Sync hook that is still running.
        Files.writeString(app.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n");
        Files.writeString(app.resolve("hook.yaml"), """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: scratch
                  annotations: {argocd.argoproj.io/hook: Sync}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """);

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("Sync Failed: one or more objects failed to apply: /ConfigMap/shop/Bad_Name")
                .containsPattern("Sync +0 +ConfigMap +shop +settings +created +Succeeded")
                .containsPattern("Sync hook +0 +PersistentVolumeClaim +shop +scratch +created +Unknown +.*still running "
                        + "when the sync failed")
                .doesNotContainPattern(" Running ");
    }

    @Test
    void anotherSyncOfTheApplicationHoldingItsLeaseMakesThisOneFailAtOnceNamingIt() {
        cluster.createFromYaml("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: gitops4j-sync-shop, namespace: default}
                spec:
                  holderIdentity: ci-runner-7_4242_0a1b2c3d
                  leaseDurationSeconds: 60
                  acquireTime: "%1$s"
                  renewTime: "%1$s"
                """.formatted(Instant.now()));

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("gitops sync: another sync of application shop is running since ")
                .contains("(started by ci-runner-7_4242_0a1b2c3d); its lease default/gitops4j-sync-shop runs until");
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web")).isEmpty();
    }

    @Test
    void aSyncLeavesNoLeaseBehind() {
        assertThat(run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop")).isZero();

        assertThat(cluster.get("coordination.k8s.io/v1", "Lease", "default", "gitops4j-sync-shop")).isEmpty();
    }

    @Test
    void objectsAnotherApplicationClaimsAreWarnedAboutAndFailOnSharedResourceRefusesThem() {
        run("sync", "billing", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop");
        out.getBuffer().setLength(0);

        int refused = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop",
                "--sync-option", "FailOnSharedResource=true");
        int taken = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop", "-o", "json");

        assertThat(refused).isEqualTo(1);
        assertThat(out.toString()).contains("Sync Failed: Shared resource found: Namespace/shop is part of applications "
                + "shop and billing; ");
        assertThat(err.toString()).contains("gitops sync: warning: SharedResourceWarning: ConfigMap/settings is part of "
                + "applications shop and billing");
        assertThat(taken).isZero();
        JsonNode report = Json.parseObject(out.toString().substring(out.toString().indexOf('{')), "stdout");
        assertThat(report.path("conditions").findValuesAsText("type")).hasSize(3).containsOnly("SharedResourceWarning");
    }

    @Test
    void aTimeoutThatIsNotADurationIsAUsageError() {
        assertThat(run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "--timeout", "soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--timeout: 'soon' is not a duration");
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static Path fixture() {
        try {
            return Path.of(Objects.requireNonNull(SyncCommandIT.class.getResource("/sync/app")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
