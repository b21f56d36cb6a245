package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DiffCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void equalObjectsExitZero() {
        int exit = run("diff", "--desired", fixture("desired.yaml"), "--live", fixture("live-synced.yaml"));

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("no differences in 2 resources\n");
    }

    @Test
    void differencesPrintAUnifiedDiffWithSecretsMaskedAndExitOne() {
        int exit = run("diff", "--desired", fixture("desired.yaml"), "--live", fixture("live-drifted.yaml"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("===== apps/Deployment/demo/guestbook-ui (OutOfSync) =====")
                .contains("-  replicas: 5\n+  replicas: 2")
                .contains("===== /Secret/demo/db (OutOfSync) =====")
                .contains("-  password: ++++++++\n+  password: ++++++++++++")
                .contains("===== /ConfigMap/demo/leftover (Extraneous) =====")
                .doesNotContain("b3RoZXI=").doesNotContain("czNjcjN0")
                .endsWith("3 of 3 resources differ\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonOutputListsEveryResourceWithItsOperations() {
        int exit = run("diff", "--desired", fixture("desired.yaml"), "--live", fixture("live-drifted.yaml"), "-o", "json");

        JsonNode report = Json.parseObject(out.toString(), "stdout");
        assertThat(exit).isEqualTo(1);
        assertThat(report.get("modified").asBoolean()).isTrue();
        assertThat(report.at("/resources/0/status").asText()).isEqualTo("OutOfSync");
        assertThat(report.at("/resources/0/mode").asText()).isEqualTo("THREE_WAY");
        assertThat(report.at("/resources/0/operations").toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
        assertThat(report.at("/resources/2/status").asText()).isEqualTo("Extraneous");
    }

    @Test
    void ignoreDifferencesFromAFile() {
        int exit = run("diff", "--desired", fixture("desired.yaml"), "--live", fixture("live-drifted.yaml"),
                "--ignore-differences", fixture("ignore-replicas.yaml"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("guestbook-ui (OutOfSync)");
    }

    @Test
    void theNamespaceOptionPlacesObjectsWithoutOneAndLeavesClusterScopedKindsAlone() {
        int without = run("diff", "--desired", fixture("desired-no-namespace.yaml"), "--live", fixture("live-in-namespace.yaml"));

        assertThat(without).isEqualTo(1);
        assertThat(out.toString()).contains("===== /ConfigMap//settings (Missing) =====")
                .contains("===== /ConfigMap/shop/settings (Extraneous) =====")
                .doesNotContain("ClusterRole//node-reader (");

        out.getBuffer().setLength(0);
        int placed = run("diff", "--desired", fixture("desired-no-namespace.yaml"), "--live", fixture("live-in-namespace.yaml"),
                "--namespace", "shop");

        assertThat(placed).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("no differences in 2 resources\n");
    }

    @Test
    void errorsAreOneLineAndExitTwo() {
        assertThat(run("diff", "--desired", fixture("desired.yaml"), "--live", "/no/such/live.yaml")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("gitops diff: /no/such/live.yaml: no such file\n");

        err.getBuffer().setLength(0);
        assertThat(run("diff", "--desired", fixture("desired.yaml"), "--live", fixture("live-synced.yaml"),
                "--ignore-differences", fixture("ignore-invalid.yaml"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("gitops diff: ignoreDifferences rule apps/Deployment/*/*: invalid JSON pointer 'spec/replicas'")
                .hasLineCount(1);

        assertThat(run("diff", "--desired", fixture("desired.yaml"))).as("usage error").isEqualTo(2);
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(DiffCommandTest.class.getResource("/diff-cli/" + name)).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
