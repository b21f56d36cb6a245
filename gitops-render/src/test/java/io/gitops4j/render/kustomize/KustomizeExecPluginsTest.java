package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Rendered;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomize's external plugins behind their opt-in ({@link KustomizePlugins}): a legacy exec
 * plugin from the plugin home and exec KRM functions from the repository render as Kustomize
 * v5.7.1 renders them; off, they are refused naming the flag; on, a program outside the
 * repository, one that hangs, prints too much or fails is stopped with an error naming the
 * kustomization.
 */
class KustomizeExecPluginsTest {

    @TempDir
    Path work;

    private Path legacy;
    private Path krm;

    @BeforeEach
    void copyFixtures() throws IOException, URISyntaxException {
        Path fixtures = Path.of(getClass().getResource("/kustomize-exec").toURI());
        copy(fixtures, work);
        legacy = work.resolve("legacy");
        krm = work.resolve("krm");
    }

    @Test
    void legacyExecPluginsRenderAsKubectlKustomize() throws IOException {
        KustomizePlugins plugins = KustomizePlugins.DISABLED.withPluginHome(legacy.resolve("home"))
                .withTimeout(Duration.ofSeconds(30));
        KustomizePlugins enabled = new KustomizePlugins(true, false, plugins.pluginHome(), plugins.timeout(),
                plugins.maxOutputBytes());

        List<ObjectNode> objects = KustomizeRenderer.create().plugins(enabled)
                .render(RepositoryRoot.of(legacy.resolve("repo")), "app");

        assertThat(objects).isEqualTo(golden(legacy.resolve("kubectl.yaml")));
    }

    @Test
    void execKrmFunctionsRunWithTheResourceListProtocol() {
        List<ObjectNode> objects = KustomizeRenderer.create().plugins(execEnabled())
                .render(RepositoryRoot.of(krm.resolve("repo")), "app");

        // What Kustomize v5.7.1 makes of it with --enable-alpha-plugins --enable-exec (kubectl
        // kustomize has no --enable-exec): the generator's ResourceList items, the transformer's
        // edit of the Deployment, protocol annotations removed, legacy order.
        assertThat(Yaml.writeAll(objects)).isEqualTo("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: greeting
                data:
                  greeting: hello!
                  home: not set
                  workingDirectory: app
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: web
                        image: nginx
                """);
    }

    @Test
    void offByDefaultTheRefusalNamesTheFlag() {
        assertThatThrownBy(() -> KustomizeRenderer.create().render(RepositoryRoot.of(legacy.resolve("repo")), "app"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("app/kustomization.yaml: ")
                .hasMessageContaining("unable to load external plugin 'Greeter'")
                .hasMessageContaining("--enable-alpha-plugins");
        assertThatThrownBy(() -> KustomizeRenderer.create().render(RepositoryRoot.of(krm.resolve("repo")), "app"))
                .hasMessageContaining("--enable-alpha-plugins");
    }

    @Test
    void execFunctionsNeedEnableExecBesidesAlphaPlugins() {
        KustomizePlugins alphaOnly = new KustomizePlugins(true, false, Optional.empty(), Duration.ofSeconds(30),
                KustomizePlugins.DEFAULT_MAX_OUTPUT_BYTES);

        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(alphaOnly)
                .render(RepositoryRoot.of(krm.resolve("repo")), "app"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("app/kustomization.yaml: ")
                .hasMessageContaining("exec function")
                .hasMessageContaining("./fn/generate.sh")
                .hasMessageContaining("--enable-exec");
    }

    @Test
    void aFunctionOutsideTheRepositoryIsRefused() throws IOException {
        Path repo = Files.createDirectories(work.resolve("escape/repo"));
        Path outside = script(work.resolve("escape/outside.sh"), "echo 'kind: ConfigMap'");
        Files.writeString(repo.resolve("kustomization.yaml"), "generators:\n- fn.yaml\n");
        Files.writeString(repo.resolve("fn.yaml"), function("../outside.sh"));

        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(execEnabled()).render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining("'../outside.sh'")
                .hasMessageContaining("outside the repository");

        Files.createSymbolicLink(repo.resolve("link.sh"), outside);
        Files.writeString(repo.resolve("fn.yaml"), function("./link.sh"));
        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(execEnabled()).render(RepositoryRoot.of(repo), "."))
                .hasMessageContaining("'./link.sh' resolves to " + outside.toRealPath())
                .hasMessageContaining("outside the repository");

        Files.writeString(repo.resolve("fn.yaml"), function(outside.toString()));
        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(execEnabled()).render(RepositoryRoot.of(repo), "."))
                .hasMessageContaining("outside the repository");
    }

    @Test
    void aLegacyPluginLeavingThePluginHomeIsRefused() throws IOException {
        Path repo = Files.createDirectories(work.resolve("traversal/repo"));
        script(work.resolve("traversal/v1/evil/Evil"), "echo 'kind: ConfigMap'");
        Files.writeString(repo.resolve("kustomization.yaml"), "generators:\n- evil.yaml\n");
        Files.writeString(repo.resolve("evil.yaml"), "apiVersion: ../../../traversal/v1\nkind: Evil\nmetadata:\n  name: e\n");
        KustomizePlugins plugins = new KustomizePlugins(true, false, Optional.of(Files.createDirectories(
                work.resolve("traversal/home/sub"))), Duration.ofSeconds(30), KustomizePlugins.DEFAULT_MAX_OUTPUT_BYTES);

        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(plugins).render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("unable to load external plugin 'Evil'")
                .hasMessageContaining("plugin home");
    }

    @Test
    void aHangingFunctionIsKilledAtTheLimit() throws IOException, Exception {
        Path repo = Files.createDirectories(work.resolve("hang/repo"));
        script(repo.resolve("hang.sh"), "echo $$ > pid\nexec sleep 600");
        Files.writeString(repo.resolve("kustomization.yaml"), "generators:\n- fn.yaml\n");
        Files.writeString(repo.resolve("fn.yaml"), function("./hang.sh"));
        KustomizePlugins plugins = execEnabled().withTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(plugins).render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining("exec function 'Fn/fn' (./hang.sh)")
                .hasMessageContaining("did not finish within 300 ms; it was killed");
        long pid = Long.parseLong(Files.readString(repo.resolve("pid")).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tooMuchOutputStopsTheFunction() throws IOException {
        Path repo = Files.createDirectories(work.resolve("loud/repo"));
        script(repo.resolve("loud.sh"), "exec yes 'kind: ConfigMap'");
        Files.writeString(repo.resolve("kustomization.yaml"), "generators:\n- fn.yaml\n");
        Files.writeString(repo.resolve("fn.yaml"), function("./loud.sh"));

        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(execEnabled().withMaxOutputBytes(10_000))
                .render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("printed more than 10000 bytes; it was stopped");
    }

    @Test
    void aFailingFunctionsErrorOutputAndResultsAreInTheMessage() throws IOException {
        Path repo = Files.createDirectories(work.resolve("fail/repo"));
        script(repo.resolve("fail.sh"), """
                echo 'cannot reach the vault' >&2
                printf 'apiVersion: config.kubernetes.io/v1\\nkind: ResourceList\\nitems: []\\n'
                printf 'results:\\n- severity: error\\n  message: secret db-password missing\\n'
                exit 3""");
        Files.writeString(repo.resolve("kustomization.yaml"), "generators:\n- fn.yaml\n");
        Files.writeString(repo.resolve("fn.yaml"), function("./fail.sh"));

        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(execEnabled()).render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining("exec function 'Fn/fn' (./fail.sh), configured in fn.yaml failed: exit status 3")
                .hasMessageContaining("cannot reach the vault")
                .hasMessageContaining("error: secret db-password missing");
    }

    @Test
    void buildOptionsTurnPluginsOn() {
        assertThat(KustomizeBuildOptions.parse("--enable-alpha-plugins --enable-exec --load-restrictor LoadRestrictionsNone"))
                .isEqualTo(new KustomizeBuildOptions(true, true, false, LoadRestrictor.NONE));
        assertThat(KustomizeBuildOptions.parse(" --enable-helm --enable-exec=false --load-restrictor=LoadRestrictionsRootOnly"))
                .isEqualTo(new KustomizeBuildOptions(false, false, true, LoadRestrictor.ROOT_ONLY));
        assertThat(KustomizeBuildOptions.parse("")).isEqualTo(KustomizeBuildOptions.NONE);
        assertThatThrownBy(() -> KustomizeBuildOptions.parse("--enable-exec --network"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'--network' is not supported");
        assertThatThrownBy(() -> KustomizeBuildOptions.parse("--enable-exec=maybe"))
                .hasMessageContaining("--enable-exec=maybe is not a boolean");
    }

    @Test
    void validatorsRunAndMayNotChangeTheResources() throws IOException {
        Path repo = Files.createDirectories(work.resolve("validate/repo"));
        script(repo.resolve("pass.sh"), "cat");
        script(repo.resolve("edit.sh"), "sed 's/value: a$/value: b/'");
        Files.writeString(repo.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n"
                + "  value: a\n");
        Files.writeString(repo.resolve("pass.yaml"), function("./pass.sh"));
        Files.writeString(repo.resolve("edit.yaml"), function("./edit.sh").replace("name: fn", "name: edit"));

        Files.writeString(repo.resolve("kustomization.yaml"), "resources: [cm.yaml]\nvalidators:\n- pass.yaml\n");
        assertThat(KustomizeRenderer.create().plugins(execEnabled()).render(RepositoryRoot.of(repo), "."))
                .extracting(o -> o.path("data").path("value").asText()).containsExactly("a");

        Files.writeString(repo.resolve("kustomization.yaml"), "resources: [cm.yaml]\nvalidators:\n- edit.yaml\n");
        assertThatThrownBy(() -> KustomizeRenderer.create().plugins(execEnabled()).render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining("validator Fn shouldn't modify the resource map: it changed resource "
                        + "ConfigMap.v1.[noGrp]/c.[noNs]");
    }

    @Test
    void outputStillInThePipeWhenTheFunctionExitsIsKept() throws IOException {
        Path repo = Files.createDirectories(work.resolve("quick/repo"));
        // about 60 KB, under a pipe's buffer, printed at once: the program ends before it is all read
        script(repo.resolve("quick.sh"), "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: big\\ndata:\\n'\n"
                + "seq 1 4000 | sed 's/.*/  k&: value-of-a-line-long-enough/'");
        Files.writeString(repo.resolve("kustomization.yaml"), "generators:\n- fn.yaml\n");
        Files.writeString(repo.resolve("fn.yaml"), function("./quick.sh"));
        KustomizeRenderer renderer = KustomizeRenderer.create().plugins(execEnabled());

        for (int i = 0; i < 20; i++) {
            List<ObjectNode> objects = renderer.render(RepositoryRoot.of(repo), ".");
            assertThat(objects).hasSize(1);
            assertThat(objects.get(0).path("data").size()).isEqualTo(4000);
        }
    }

    @Test
    void theRendererTakesArgoCdBuildOptions() {
        RenderRequest request = RenderRequest.of(RepositoryRoot.of(krm.resolve("repo")), "app");

        assertThatThrownBy(() -> Renderer.builder().build().render(request))
                .hasMessageContaining("--enable-alpha-plugins");
        assertThatThrownBy(() -> Renderer.builder().kustomizeBuildOptions("--enable-exec").build().render(request))
                .hasMessageContaining("--enable-alpha-plugins");
        Rendered rendered = Renderer.builder().kustomizeBuildOptions("--enable-alpha-plugins --enable-exec").build()
                .render(request);
        assertThat(rendered.objects()).extracting(o -> o.path("metadata").path("name").asText())
                .containsExactly("greeting", "web");
    }

    private static KustomizePlugins execEnabled() {
        return new KustomizePlugins(true, true, Optional.empty(), Duration.ofSeconds(30),
                KustomizePlugins.DEFAULT_MAX_OUTPUT_BYTES);
    }

    private static String function(String path) {
        return "apiVersion: example.com/v1\nkind: Fn\nmetadata:\n  name: fn\n  annotations:\n"
                + "    config.kubernetes.io/function: |\n      exec:\n        path: " + path + "\n";
    }

    private static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static List<ObjectNode> golden(Path file) throws IOException {
        return Yaml.readDocuments(Files.readString(file, StandardCharsets.UTF_8), file.toString()).stream()
                .map(YamlDocument::body).toList();
    }

    /** Copies the fixtures, making their scripts executable (resources lose the mode bits). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                        return;
                    }
                    Files.copy(source, target);
                    if (Files.readString(source).startsWith("#!")) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
