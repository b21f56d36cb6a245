package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The lock digest is the one Helm writes: {@code helm-dependencies/helm-lock/} holds a
 * {@code Chart.yaml} (constraints with {@code <}, {@code >}, aliases, conditions, tags and
 * import-values) and the {@code Chart.lock} Helm v4.1.4's {@code helm dependency build} wrote for it.
 */
class ChartLockDigestTest {

    @Test
    void theDigestOfHelmsOwnLockIsReproduced() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/helm-dependencies/helm-lock")).toURI());
        JsonNode chart = read(dir.resolve("Chart.yaml"));
        JsonNode lock = read(dir.resolve("Chart.lock"));

        assertThat(ChartLockDigest.of(list(chart), list(lock))).isEqualTo(lock.path("digest").asText());
    }

    @Test
    void anyChangeToTheRequestChangesTheDigest() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/helm-dependencies/helm-lock")).toURI());
        String changed = Files.readString(dir.resolve("Chart.yaml")).replace("~1.0.0", "~1.0.1");
        JsonNode lock = read(dir.resolve("Chart.lock"));

        assertThat(ChartLockDigest.of(list(Yaml.readDocuments(changed, "Chart.yaml").get(0).body()), list(lock)))
                .isNotEqualTo(lock.path("digest").asText());
    }

    private static JsonNode read(Path file) throws IOException {
        return Yaml.readDocuments(Files.readString(file), file.toString()).get(0).body();
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        node.path("dependencies").forEach(items::add);
        return items;
    }
}
