package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void renderBuildsAKustomizationWithItsHashedGenerators() {
        // the name kubectl kustomize gives the generated ConfigMap
        int exit = run("render", fixture("overlay"));

        assertThat(exit).isZero();
        assertThat(Yaml.readDocuments(out.toString(), "stdout"))
                .extracting(d -> d.body().at("/metadata/name").asText())
                .containsExactly("prod-flags-24g5ch4dt8", "prod-settings");
    }

    @Test
    void renderTemplatesAChartWithReleaseNamespaceValuesAndSet() {
        String chart = fixture("chart");
        int exit = run("render", chart, "--release", "shop", "--namespace", "prod",
                "--values", chart + "/values-prod.yaml", "--set", "replicas=3");

        assertThat(exit).isZero();
        var configMap = Yaml.readDocuments(out.toString(), "stdout").get(0).body();
        assertThat(configMap.at("/metadata/name").asText()).isEqualTo("shop-web");
        assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("prod");
        assertThat(configMap.at("/data/replicas").asText()).isEqualTo("3");
        assertThat(configMap.at("/data/greeting").asText()).isEqualTo("from-file");
    }

    @Test
    void theRepositoryRootIsTheEnclosingGitWorkTreeSoOverlaysReachTheirBases(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("base"));
        Files.createDirectories(repo.resolve("overlays/prod"));
        Files.writeString(repo.resolve("base/kustomization.yaml"), "resources: [cm.yaml]\n");
        Files.writeString(repo.resolve("base/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        Files.writeString(repo.resolve("overlays/prod/kustomization.yaml"), "resources: [../../base, missing.yaml]\n");

        int exit = run("render", repo.resolve("overlays/prod").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("gitops render: overlays/prod/kustomization.yaml: 'missing.yaml' does not exist");
    }

    @Test
    void helmOptionsOnSomethingThatIsNotAChartAreOneClearLine() {
        int exit = run("render", fixture("overlay"), "--set", "a=b");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("--release, --values, --set and --set-string apply to Helm charts")
                .contains("is rendered as kustomize").hasLineCount(1);
    }

    @Test
    void aBrokenKustomizationNamesTheFileOnOneLine() {
        int exit = run("render", fixture("broken-kustomization"), "--root", fixture("broken-kustomization"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gitops render: kustomization.yaml: 'nope.yaml' does not exist "
                + "(evalsymlink failure on 'nope.yaml': no such file or directory)\n");
    }

    @Test
    void aMalformedFileIsOneLineOnStandardErrorAndExitOne() {
        int exit = run("render", fixture("broken"), "--root", fixture("broken"));

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
