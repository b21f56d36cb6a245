package io.gitops4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.kustomize.KustomizeOverrides;
import io.gitops4j.render.plugin.ConfigManagementPlugin;
import io.gitops4j.render.plugin.PluginException;
import io.gitops4j.render.plugin.PluginSource;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  a: b\n";

    @TempDir
    Path repo;

    @Test
    void aKustomizationIsBuiltAChartTemplatedAndAnythingElseReadAsManifests() throws IOException {
        write("kust/kustomization.yaml", "namePrefix: k-\nresources: [cm.yaml]\n");
        write("kust/cm.yaml", CONFIG_MAP.formatted("settings"));
        write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        write("chart/templates/cm.yaml", CONFIG_MAP.formatted("{{ .Release.Name }}-settings"));
        write("plain/cm.yaml", CONFIG_MAP.formatted("plain"));
        Renderer renderer = Renderer.builder().build();

        assertThat(render(renderer, "kust", SourceOptions.AUTO)).satisfies(r -> {
            assertThat(r.type()).isEqualTo(SourceType.KUSTOMIZE);
            assertThat(names(r)).containsExactly("k-settings");
        });
        assertThat(render(renderer, "chart", SourceOptions.AUTO)).satisfies(r -> {
            assertThat(r.type()).isEqualTo(SourceType.HELM);
            assertThat(names(r)).containsExactly("shop-settings");
        });
        assertThat(render(renderer, "plain", SourceOptions.AUTO).type()).isEqualTo(SourceType.DIRECTORY);
    }

    @Test
    void kustomizeWinsOverAChartInTheSameDirectoryAndOptionsForceATypeAsInArgoCd() throws IOException {
        write("both/kustomization.yaml", "resources: [cm.yaml]\n");
        write("both/cm.yaml", CONFIG_MAP.formatted("from-kustomize"));
        write("both/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        Renderer renderer = Renderer.builder().build();

        assertThat(render(renderer, "both", SourceOptions.AUTO).type()).isEqualTo(SourceType.KUSTOMIZE);
        assertThat(render(renderer, "both", SourceOptions.directory(DirectorySource.DEFAULTS)).type())
                .isEqualTo(SourceType.DIRECTORY);
        assertThat(render(renderer, "both", SourceOptions.helm(HelmOptions.DEFAULTS)).type()).isEqualTo(SourceType.HELM);
        SourceOptions two = new SourceOptions(Optional.of(DirectorySource.DEFAULTS), Optional.of(KustomizeOverrides.NONE),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> render(renderer, "both", two))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("multiple source types set ([directory, kustomize])");
    }

    @Test
    void argoCdKustomizeOptionsEditTheKustomizationBeforeTheBuild() throws IOException {
        write("app/kustomization.yaml", "resources: [deploy.yaml]\n");
        write("app/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n"
                + "  template:\n    spec:\n      containers: [{name: web, image: nginx:1.25}]\n");
        KustomizeOverrides overrides = new KustomizeOverrides("prod-", "", "shop", List.of("nginx=registry/nginx:1.27"),
                Map.of("team", "a"), Map.of(), true, false, Map.of("web", 3L), List.of(), List.of());

        ObjectNode deployment = render(Renderer.builder().build(), "app", SourceOptions.kustomize(overrides)).objects().get(0);

        assertThat(deployment.at("/metadata/name").asText()).isEqualTo("prod-web");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry/nginx:1.27");
        assertThat(deployment.at("/metadata/labels/team").asText()).isEqualTo("a");
    }

    @Test
    void directoryIncludeAndExcludeFollowArgoCd() throws IOException {
        write("dir/a.yaml", CONFIG_MAP.formatted("a"));
        write("dir/b.yml", CONFIG_MAP.formatted("b"));
        write("dir/sub/c.yaml", CONFIG_MAP.formatted("c"));
        write("dir/sub/skip.yaml", CONFIG_MAP.formatted("skip"));
        Renderer renderer = Renderer.builder().build();

        assertThat(names(render(renderer, "dir", SourceOptions.directory(new DirectorySource(true, "*.yaml", "")))))
                .containsExactly("a", "c", "skip");
        assertThat(names(render(renderer, "dir", SourceOptions.directory(new DirectorySource(true, "{*.yml,sub/*}", "*skip*")))))
                .containsExactly("b", "c");
    }

    @Test
    void renderingIsCachedByRevisionPathAndOptionsAndCallersGetTheirOwnCopies() throws IOException {
        write("plain/cm.yaml", CONFIG_MAP.formatted("one"));
        Renderer renderer = Renderer.builder().cacheSize(2).build();
        RenderRequest atCommit = request("plain", SourceOptions.AUTO, "1111111111");

        Rendered first = renderer.render(atCommit);
        first.objects().get(0).put("mutated", true);
        write("plain/cm.yaml", CONFIG_MAP.formatted("changed-on-disk"));
        Rendered second = renderer.render(atCommit);

        assertThat(renderer.cacheHits()).isEqualTo(1);
        assertThat(names(second)).containsExactly("one");
        assertThat(second.objects().get(0).has("mutated")).isFalse();
        assertThat(names(renderer.render(request("plain", SourceOptions.AUTO, "2222222222")))).containsExactly("changed-on-disk");
        assertThat(names(renderer.render(request("plain", SourceOptions.AUTO, "")))).containsExactly("changed-on-disk");
        assertThat(renderer.cacheHits()).isEqualTo(1);
    }

    @Test
    void applicationsRenderingOneDirectoryAtOneCommitShareItsRenderButNotAChartsOrAKustomizations() throws IOException {
        write("plain/cm.yaml", CONFIG_MAP.formatted("plain"));
        write("kust/kustomization.yaml", "resources: [cm.yaml]\n");
        write("kust/cm.yaml", CONFIG_MAP.formatted("kust"));
        write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        write("chart/templates/cm.yaml", CONFIG_MAP.formatted("{{ .Release.Name }}-settings"));
        Renderer renderer = Renderer.builder().build();

        for (String path : List.of("plain", "kust", "chart")) {
            renderer.render(new RenderRequest(RepositoryRoot.of(repo), path, SourceOptions.AUTO, "shop", "prod",
                    "https://example.com/r.git", "main", "1111111111"));
        }
        Rendered plain = renderer.render(new RenderRequest(RepositoryRoot.of(repo), "plain", SourceOptions.AUTO, "cart",
                "staging", "https://example.com/r.git", "main", "1111111111"));
        assertThat(renderer.cacheHits()).as("the second application's directory came from the cache").isEqualTo(1);
        assertThat(names(plain)).containsExactly("plain");

        Rendered chart = renderer.render(new RenderRequest(RepositoryRoot.of(repo), "chart", SourceOptions.AUTO, "cart",
                "staging", "https://example.com/r.git", "main", "1111111111"));
        renderer.render(new RenderRequest(RepositoryRoot.of(repo), "kust", SourceOptions.AUTO, "cart",
                "staging", "https://example.com/r.git", "main", "1111111111"));
        assertThat(renderer.cacheHits()).as("a chart and a kustomization are rendered per application").isEqualTo(1);
        assertThat(names(chart)).containsExactly("cart-settings");
    }

    @Test
    void aFreshRenderIgnoresTheCacheAndReplacesItsEntry() throws IOException {
        write("plain/cm.yaml", CONFIG_MAP.formatted("one"));
        Renderer renderer = Renderer.builder().build();
        RenderRequest atCommit = request("plain", SourceOptions.AUTO, "1111111111");
        renderer.render(atCommit);
        write("plain/cm.yaml", CONFIG_MAP.formatted("changed-on-disk"));

        Rendered fresh = renderer.renderFresh(atCommit);

        assertThat(names(fresh)).containsExactly("changed-on-disk");
        assertThat(names(renderer.render(atCommit))).containsExactly("changed-on-disk");
        assertThat(renderer.cacheHits()).isEqualTo(1);
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirstOut() throws IOException {
        write("plain/cm.yaml", CONFIG_MAP.formatted("x"));
        Renderer renderer = Renderer.builder().cacheSize(2).build();

        renderer.render(request("plain", SourceOptions.AUTO, "a"));
        renderer.render(request("plain", SourceOptions.AUTO, "b"));
        renderer.render(request("plain", SourceOptions.AUTO, "a"));
        renderer.render(request("plain", SourceOptions.AUTO, "c"));
        long hits = renderer.cacheHits();
        renderer.render(request("plain", SourceOptions.AUTO, "a"));
        renderer.render(request("plain", SourceOptions.AUTO, "b"));

        assertThat(renderer.cacheHits()).isEqualTo(hits + 1);
    }

    @Test
    void aPluginRunsItsCommandWithArgoCdsEnvironmentAndItsOutputIsParsed() throws IOException {
        write("jsonnet/main.txt", "ignored");
        ConfigManagementPlugin plugin = new ConfigManagementPlugin("echoer", List.of("sh", "-c", "echo init > /dev/null"),
                List.of("sh", "-c", "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s-%s-%s\\n' "
                        + "\"$ARGOCD_APP_NAME\" \"$ARGOCD_ENV_FLAVOUR\" \"$PARAM_SIZE\""), Duration.ofSeconds(20));
        Renderer renderer = Renderer.builder().plugin(plugin).build();
        SourceOptions options = SourceOptions.plugin(new PluginSource("echoer", Map.of("FLAVOUR", "mint"), Map.of("size", "xl")));

        Rendered rendered = render(renderer, "jsonnet", options);

        assertThat(rendered.type()).isEqualTo(SourceType.PLUGIN);
        assertThat(names(rendered)).containsExactly("shop-mint-xl");
    }

    @Test
    void aFailingOrSlowPluginIsAClearErrorAndAnUnknownOneTooNamingTheConfiguredOnes() throws IOException {
        write("src/x.txt", "x");
        Renderer renderer = Renderer.builder()
                .plugin(ConfigManagementPlugin.of("broken", List.of("sh", "-c", "echo boom >&2; exit 3")))
                .plugin(new ConfigManagementPlugin("slow", List.of(), List.of("sleep", "30"), Duration.ofMillis(300)))
                .build();

        assertThatThrownBy(() -> render(renderer, "src", SourceOptions.plugin(new PluginSource("broken", Map.of(), Map.of()))))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin broken generate (sh -c echo boom >&2; exit 3) exited with 3: boom");
        assertThatThrownBy(() -> render(renderer, "src", SourceOptions.plugin(new PluginSource("slow", Map.of(), Map.of()))))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("did not finish within 300 ms; it was killed");
        assertThatThrownBy(() -> render(renderer, "src", SourceOptions.plugin(new PluginSource("nope", Map.of(), Map.of()))))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin 'nope' is not configured; configured plugins: [broken, slow]");
    }

    @Test
    void aPluginPrintingWithoutEndIsStoppedAtItsOutputLimitLongBeforeItsTimeout() throws IOException {
        write("src/x.txt", "x");
        // before the output was bounded, `yes` wrote into a temporary file until the timeout (an hour
        // here, the disk full long before) and the whole file was then read onto the heap
        Renderer renderer = Renderer.builder()
                .plugin(new ConfigManagementPlugin("endless", List.of(), List.of("yes", "kind: ConfigMap"),
                        Duration.ofHours(1)).withMaxOutputBytes(1 << 20))
                .build();

        assertThatThrownBy(() -> render(renderer, "src", SourceOptions.plugin(new PluginSource("endless", Map.of(), Map.of()))))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("plugin endless generate (yes kind: ConfigMap) printed more than 1048576 bytes; "
                        + "it was stopped");
    }

    @Test
    void aPluginInheritsThisProcesssEnvironmentBesideArgoCdsVariables() throws IOException {
        write("src/x.txt", "x");
        Renderer renderer = Renderer.builder()
                .plugin(ConfigManagementPlugin.of("env", List.of("sh", "-c", "printf 'apiVersion: v1\\nkind: ConfigMap\\n"
                        + "metadata:\\n  name: %s\\ndata:\\n  path: \"%s\"\\n' \"$ARGOCD_APP_NAME\" \"$PATH\"")))
                .build();

        Rendered rendered = render(renderer, "src", SourceOptions.plugin(new PluginSource("env", Map.of(), Map.of())));

        assertThat(names(rendered)).containsExactly("shop");
        assertThat(rendered.objects().get(0).path("data").path("path").asText()).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void aPluginOutputLimitMustBePositive() {
        assertThatThrownBy(() -> ConfigManagementPlugin.of("p", List.of("true")).withMaxOutputBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin p needs a positive output limit, not 0");
    }

    @Test
    void pluginOutputThatIsNotUtf8NamesThePluginAndTheByteOffset() throws IOException {
        write("src/x.txt", "x");
        Renderer renderer = Renderer.builder()
                .plugin(ConfigManagementPlugin.of("latin1", List.of("printf", "kind: ConfigMap\\nname: caf\\351\\n")))
                .build();

        assertThatThrownBy(() -> render(renderer, "src", SourceOptions.plugin(new PluginSource("latin1", Map.of(), Map.of()))))
                .isInstanceOf(PluginException.class)
                .hasMessage("the output of plugin latin1 generate (printf kind: ConfigMap\\nname: caf\\351\\n) is not "
                        + "valid UTF-8: byte 0xE9 at byte offset 25 (line 2) is not part of a UTF-8 character; convert it "
                        + "to UTF-8");
    }

    private Rendered render(Renderer renderer, String path, SourceOptions options) {
        return renderer.render(request(path, options, ""));
    }

    private RenderRequest request(String path, SourceOptions options, String revision) {
        return new RenderRequest(RepositoryRoot.of(repo), path, options, "shop", "prod", "https://example.com/r.git",
                "main", revision);
    }

    private static List<String> names(Rendered rendered) {
        return rendered.objects().stream().map(o -> o.at("/metadata/name").asText()).toList();
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
