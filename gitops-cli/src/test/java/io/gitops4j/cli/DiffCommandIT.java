package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gitops diff} of a Helm chart that, like most published charts, sets no namespace, against
 * the HTTP fake cluster through a kubeconfig written here, as {@code kubectl diff} and
 * {@code argocd app diff --local} are used.
 */
class DiffCommandIT {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCluster cluster = new FakeCluster();
    private FakeApiServer server;
    private Path kubeconfig;
    private Path chart;

    @BeforeEach
    void start() throws IOException {
        server = FakeApiServer.start(cluster);
        kubeconfig = Files.writeString(temp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                current-context: team
                clusters:
                - name: fake
                  cluster: {server: "%s"}
                users:
                - name: developer
                  user: {}
                contexts:
                - name: team
                  context: {cluster: fake, user: developer, namespace: team-a}
                """.formatted(server.url()));
        chart = copyChart(temp.resolve("repo/shop"));
        int synced = run("sync", "shop", chart.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop",
                "--sync-option", "CreateNamespace=true");
        assertThat(synced).as(err.toString()).isZero();
        reset();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aChartWithoutNamespacesMatchesWhatWasSyncedIntoTheDestinationNamespace() {
        assertThat(run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop", "--app", "shop"))
                .as(out + "" + err).isZero();
        assertThat(out.toString()).isEqualTo("no differences in 6 resources\n");
        assertThat(err.toString()).isEmpty();

        reset();
        assertThat(run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "--namespace", "shop"))
                .as("without --app, the tracking mark the sync wrote would be removed").isEqualTo(1);
        assertThat(out.toString()).contains("-    gitops4j.io/tracking-id: shop:apps/Deployment:shop/shop-storefront")
                .endsWith("6 of 6 resources differ\n");
    }

    @Test
    void asKubectlDiffAgainstObjectsKubectlAppliedServerSide() {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: tools}\n");
        assertThat(run("render", chart.toString(), "--release", "shop", "--namespace", "tools")).isZero();
        for (var document : Yaml.readDocuments(out.toString(), "rendered")) {
            ObjectNode object = document.body();
            if (!object.path("kind").asText().startsWith("Cluster")) {
                ((ObjectNode) object.get("metadata")).put("namespace", "tools");
            }
            cluster.apply(object, WriteOptions.fieldManager("kubectl"));
        }
        reset();

        assertThat(run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "tools",
                "--field-manager", "kubectl")).as(out + "" + err).isZero();
        assertThat(out.toString()).isEqualTo("no differences in 6 resources\n");

        reset();
        assertThat(run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "tools",
                "--field-manager", "kubectl", "--app", "tools"))
                .as("as an application's, every object lacks its tracking mark").isEqualTo(1);
        assertThat(out.toString()).endsWith("6 of 6 resources differ\n");
    }

    @Test
    void withoutTheDestinationTheKubeconfigsNamespaceIsUsedAndClusterScopedKindsStayWithoutOne() {
        int exit = run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "--app", "shop");

        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("===== apps/Deployment/team-a/shop-storefront (Missing) =====")
                .contains("===== /ConfigMap/team-a/shop-storefront (Missing) =====")
                .contains("===== rbac.authorization.k8s.io/ClusterRole//shop-storefront-team-a (Missing) =====")
                .contains("===== apps/Deployment/shop/shop-storefront (Extraneous) =====")
                .contains("===== rbac.authorization.k8s.io/ClusterRole//shop-storefront-shop (Extraneous) =====")
                .endsWith("12 of 12 resources differ\n");
    }

    @Test
    void aChangeMadeInTheClusterIsShownAndExitsOne() {
        ObjectNode live = cluster.get("apps/v1", "Deployment", "shop", "shop-storefront").orElseThrow();
        ((ObjectNode) live.get("spec")).put("replicas", 5);
        cluster.update(live);
        ObjectNode config = cluster.get("v1", "ConfigMap", "shop", "shop-storefront").orElseThrow();
        ((ObjectNode) config.get("data")).put("CURRENCY", "USD");
        cluster.update(config);

        int exit = run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop", "--app", "shop",
                "-o", "json");

        assertThat(exit).as(err.toString()).isEqualTo(1);
        JsonNode report = Json.parseObject(out.toString(), "stdout");
        assertThat(report.get("modified").asBoolean()).isTrue();
        List<String> changed = new ArrayList<>();
        report.get("resources").forEach(r -> {
            if (r.get("modified").asBoolean()) {
                changed.add(r.get("kind").asText() + " " + r.get("status").asText() + " " + r.get("operations"));
            }
        });
        assertThat(changed).containsExactlyInAnyOrder(
                "ConfigMap OutOfSync [{\"op\":\"replace\",\"path\":\"/data/CURRENCY\",\"value\":\"EUR\"}]",
                "Deployment OutOfSync [{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
    }

    @Test
    void theChartRenderedToAFileAgainstLiveObjectsReadFromTheClusterNeedsTheNamespaceToo() throws IOException {
        Path rendered = temp.resolve("rendered.yaml");
        assertThat(run("render", chart.toString(), "--release", "shop", "--namespace", "shop")).isZero();
        Files.writeString(rendered, out.toString());
        assertThat(out.toString()).doesNotContain("  namespace: shop\n  labels");
        Path live = temp.resolve("live.yaml");
        Files.writeString(live, Yaml.writeAll(liveObjectsOfTheChart()));
        reset();

        assertThat(run("diff", "--desired", rendered.toString(), "--live", live.toString(), "-n", "shop", "--app", "shop"))
                .as(out + "" + err).isZero();
        assertThat(out.toString()).isEqualTo("no differences in 6 resources\n");

        reset();
        assertThat(run("diff", "--desired", rendered.toString(), "--live", live.toString(), "--app", "shop"))
                .as("without the namespace, as before").isEqualTo(1);
        assertThat(out.toString()).contains("===== apps/Deployment//shop-storefront (Missing) =====")
                .contains("===== apps/Deployment/shop/shop-storefront (Extraneous) =====")
                .doesNotContain("ClusterRole//shop-storefront-shop (Missing)");
    }

    @Test
    void errorsAreOneLineAndExitTwo() {
        assertThat(run("diff", chart.toString(), "--kubeconfig", temp.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("gitops diff: cannot read the kubeconfig " + temp.resolve("nope"))
                .hasLineCount(1);

        reset();
        assertThat(run("diff", chart.toString(), "--desired", chart.resolve("values.yaml").toString(),
                "--kubeconfig", kubeconfig.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("gitops diff: give either a directory to render or --desired FILE (not both)\n");

        reset();
        assertThat(run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "--app", "shop",
                "--tracking", "sticker")).isEqualTo(2);
        assertThat(err.toString()).startsWith("gitops diff: tracking method 'sticker' is not one of").hasLineCount(1);
    }

    @Test
    void aClusterThatCannotBeReachedExitsTwoNamingItsAddress() {
        server.close();

        int exit = run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop", "--app", "shop");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("gitops diff: cannot reach the Kubernetes API server at " + server.url() + ": connection refused");
        assertThat(out.toString()).isEmpty();
    }

    /** The chart's objects as {@code kubectl get -o yaml} returns them. */
    private List<ObjectNode> liveObjectsOfTheChart() {
        List<ObjectNode> objects = new ArrayList<>();
        for (String[] kind : new String[][] {{"v1", "ServiceAccount", "shop"}, {"v1", "ConfigMap", "shop"},
                {"v1", "Service", "shop"}, {"apps/v1", "Deployment", "shop"}}) {
            objects.add(cluster.get(kind[0], kind[1], kind[2], "shop-storefront").orElseThrow());
        }
        for (String kind : new String[] {"ClusterRole", "ClusterRoleBinding"}) {
            objects.add(cluster.get("rbac.authorization.k8s.io/v1", kind, "", "shop-storefront-shop").orElseThrow());
        }
        return objects;
    }

    private void reset() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static Path copyChart(Path target) throws IOException {
        Path source;
        try {
            source = Path.of(Objects.requireNonNull(DiffCommandIT.class.getResource("/diff-cli/chart")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
