package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.diff.Yaml;
import io.gitops4j.diff.YamlDocument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GitOpsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theDemoRunsEveryStepAndExitsZero() {
        int exit = run("demo");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Step 1. First sync", "Step 5. git revert")
                .contains("Sync: pruned ConfigMap guestbook-settings")
                .doesNotContain("[FAILED]")
                .endsWith("Every step did what it said.\n");
        assertThat(out.toString().lines().filter(l -> l.contains("[ok]"))).hasSize(9);
    }

    @Test
    void renderPrintsTheManifestsAsMultiDocumentYaml() {
        int exit = run("render", fixture("app"));

        assertThat(exit).isZero();
        var documents = Yaml.readDocuments(out.toString(), "stdout");
        assertThat(documents).extracting(d -> d.body().get("kind").asText() + "/" + d.body().at("/metadata/name").asText())
                .containsExactly("ConfigMap/settings", "Deployment/web", "Service/web");
        assertThat(documents).extracting(YamlDocument::body).element(0)
                .satisfies(cm -> assertThat(cm.at("/data/port").isTextual()).isTrue());
    }

    @Test
    void aMalformedFileIsOneLineOnStandardErrorAndExitOne() {
        int exit = run("render", fixture("broken"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("gitops render: web.yaml:5: malformed YAML").hasLineCount(1);
    }

    @Test
    void aMissingDirectoryIsOneLineOnStandardError() {
        int exit = run("render", "/no/such/dir");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gitops render: repository directory /no/such/dir does not exist\n");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument");
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(GitOpsCommandTest.class.getResource("/render/" + name)).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
