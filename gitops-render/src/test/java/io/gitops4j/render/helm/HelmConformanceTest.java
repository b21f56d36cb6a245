package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Helm corpus: each case under {@code src/test/resources/helm/} templates {@code chart/} with
 * the options in {@code options.yaml} through helm-java and must equal what {@code helm template}
 * printed ({@code expected.yaml}, made by {@code tools/helm-goldens.sh}), or fail where it failed.
 */
class HelmConformanceTest {

    private static final HelmRenderer HELM = HelmRenderer.create();

    @TestFactory
    Stream<DynamicTest> everyChartMatchesHelmTemplate() throws IOException, URISyntaxException {
        Path corpus = Path.of(Objects.requireNonNull(getClass().getResource("/helm")).toURI());
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(corpus)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        HelmOptions options = options(dir.resolve("options.yaml"));
        RepositoryRoot repository = RepositoryRoot.of(dir);
        Path expected = dir.resolve("expected.yaml");
        if (Files.exists(expected)) {
            List<ObjectNode> golden = Yaml.readDocuments(Files.readString(expected, StandardCharsets.UTF_8), "expected")
                    .stream().map(YamlDocument::body).toList();
            assertThat(HELM.render(repository, "chart", options)).isEqualTo(golden);
        } else {
            assertThatThrownBy(() -> HELM.render(repository, "chart", options))
                    .isInstanceOf(HelmException.class)
                    .hasMessageContaining("chart");
        }
    }

    /** {@code options.yaml}: the fields of {@link HelmOptions}. */
    static HelmOptions options(Path file) throws IOException {
        ObjectNode o = Yaml.readDocuments(Files.readString(file), file.toString()).get(0).body();
        List<String> valueFiles = new ArrayList<>();
        o.path("valueFiles").forEach(v -> valueFiles.add(v.asText()));
        List<HelmParameter> parameters = new ArrayList<>();
        for (JsonNode p : o.path("parameters")) {
            parameters.add(new HelmParameter(p.path("name").asText(), p.path("value").asText(), p.path("forceString").asBoolean()));
        }
        return new HelmOptions(valueFiles, o.path("ignoreMissingValueFiles").asBoolean(), o.path("values").asText(""),
                Optional.ofNullable(o.get("valuesObject") instanceof ObjectNode v ? v : null), parameters,
                o.path("releaseName").asText(""), o.path("namespace").asText(""), o.path("kubeVersion").asText(""),
                List.of(), o.path("skipCrds").asBoolean(), o.path("skipTests").asBoolean());
    }
}
