package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.helm.HelmChartRepository;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Kustomize conformance corpus: every case under {@code src/test/resources/kustomize/} is
 * built in process and compared, document by document and in order, with the output of
 * {@code kubectl kustomize} (Kustomize v5.7.1) committed beside it by
 * {@code tools/kustomize-goldens.sh}. Where Kustomize fails, the case holds
 * {@code expected-error.txt} and the build must fail too, naming the file at fault (and the
 * phrase in {@code error-contains.txt}, when there is one).
 */
class KustomizeConformanceTest {

    private static final Path CORPUS = corpus();
    /** One Helm worker for the cases with {@code enable-helm}. */
    private static final HelmRenderer HELM = HelmRenderer.create();

    @Test
    void theCorpusHasAtLeast150Cases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesKubectlKustomize() throws IOException {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        String build = Files.exists(dir.resolve("build-path.txt"))
                ? Files.readString(dir.resolve("build-path.txt")).trim() : ".";
        RepositoryRoot repository = RepositoryRoot.of(dir);
        KustomizeRenderer plain = Files.exists(dir.resolve("load-restrictor-none"))
                ? KustomizeRenderer.create().loadRestrictor(LoadRestrictor.NONE) : KustomizeRenderer.create();
        KustomizeRenderer renderer = Files.exists(dir.resolve("enable-helm"))
                ? plain.helmCharts(HELM,
                        new HelmChartRepository(Files.createTempDirectory("charts"), Duration.ofSeconds(5)))
                : plain;
        Path expected = dir.resolve("expected.yaml");
        if (Files.exists(expected)) {
            List<ObjectNode> actual = renderer.render(repository, build);
            List<ObjectNode> golden = Yaml.readDocuments(Files.readString(expected, StandardCharsets.UTF_8),
                    expected.toString()).stream().map(YamlDocument::body).toList();
            assertThat(canonical(actual)).isEqualTo(canonical(golden));
            assertThat(actual).isEqualTo(golden);
        } else if (Files.exists(dir.resolve("expected-error.txt"))) {
            Path phrase = dir.resolve("error-contains.txt");
            assertThatThrownBy(() -> renderer.render(repository, build))
                    .isInstanceOf(GitOpsException.class)
                    .satisfies(e -> {
                        if (Files.exists(phrase)) {
                            assertThat(e.getMessage()).contains(Files.readString(phrase).trim());
                        }
                        assertThat(e.getMessage()).containsPattern("(kustomization\\.ya?ml|Kustomization|\\.yaml|\\.yml)");
                    });
        } else {
            fail(dir + " has neither expected.yaml nor expected-error.txt; run tools/kustomize-goldens.sh");
        }
    }

    /** YAML with sorted keys, so that a failure shows a readable difference. */
    private static String canonical(List<ObjectNode> objects) {
        return Yaml.writeAll(objects.stream().map(KustomizeConformanceTest::sorted).toList());
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(key -> copy.set(key, sorted(object.get(key))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    private static List<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static Path corpus() {
        try {
            return Path.of(Objects.requireNonNull(KustomizeConformanceTest.class.getResource("/kustomize")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
