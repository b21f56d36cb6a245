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

class HealthCommandTest {

    /** The sample customizations of gitops-k8s's tests: a dozen scripts with their health_test.yaml. */
    private static final Path SAMPLE_CUSTOMIZATIONS = Path.of("../gitops-k8s/src/test/resources/health/customizations");
    private static final Path BROKEN_CUSTOMIZATIONS =
            Path.of("../gitops-k8s/src/test/resources/health/customizations-broken");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void healthPrintsATableOfEveryObjectOfAList() {
        int exit = run("health", fixture("live.yaml"), "--lua-dir", SAMPLE_CUSTOMIZATIONS.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("""
                KIND        NAMESPACE  NAME      STATUS       MESSAGE
                Deployment  shop       api       Progressing  Waiting for rollout to finish: 1 out of 3 new replicas have been updated...
                Service     shop       api       Healthy
                ConfigMap   shop       settings  none
                Queue       shop       orders    Degraded     Failed (QuotaExceeded)
                """);
    }

    @Test
    void jsonOutputHasNullStatusForKindsWithoutHealth() throws Exception {
        int exit = run("health", fixture("live.yaml"), "-o", "json", "--argocd-cm", fixture("argocd-cm.yaml"));

        assertThat(exit).isZero();
        JsonNode array = Json.mapper().readTree(out.toString());
        assertThat(array).hasSize(4);
        assertThat(array.get(0).toString()).isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"namespace\":\"shop\","
                + "\"name\":\"api\",\"status\":\"Progressing\",\"message\":\"Waiting for rollout to finish: 1 out of 3 new "
                + "replicas have been updated...\"}");
        assertThat(array.get(2).path("status").asText()).isEqualTo("Healthy");
        assertThat(array.get(2).path("message").asText()).isEqualTo("settings for shop");
        assertThat(array.get(3).get("status").isNull()).isTrue();
        assertThat(array.get(3).path("group").asText()).isEqualTo("queue.example.com");
    }

    @Test
    void healthTestRunsTheSampleCustomizations() {
        int exit = run("health", "test", SAMPLE_CUSTOMIZATIONS.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("47 passed, 0 failed\n");
    }

    @Test
    void healthTestPrintsEachFailureAndExitsOne() {
        int exit = run("health", "test", BROKEN_CUSTOMIZATIONS.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL example.com/Wrong/health_test.yaml: testdata/b.yaml: expected "
                + "Degraded \"b\", got Healthy \"b\" (from example.com/Wrong/health.lua)\n").endsWith("1 passed, 3 failed\n");
    }

    @Test
    void badInputIsOneLineNamingTheFileAndLine() {
        assertThat(run("health", fixture("not-objects.yaml"))).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gitops health: " + fixture("not-objects.yaml")
                + ":9: a manifest document must be a mapping, found a list\n");

        assertThat(run("health", "/no/such/file.yaml")).isEqualTo(1);
        assertThat(err.toString()).endsWith("gitops health: /no/such/file.yaml: does not exist\n");

        assertThat(run("health", fixture("live.yaml"), "--lua-dir", "/no/such/dir")).isEqualTo(1);
        assertThat(err.toString()).contains("health script folder /no/such/dir does not exist");
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(HealthCommandTest.class.getResource("/health/" + name)).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
