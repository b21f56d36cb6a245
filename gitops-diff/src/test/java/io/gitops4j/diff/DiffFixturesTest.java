package io.gitops4j.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.patch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.gitops4j.kube.Yaml;

/**
 * Real-world pairs under {@code diff/<case>/}: {@code desired.yaml} as in Git, {@code live.yaml}
 * as an API server returns it after the apply (defaults, managedFields, status, last-applied),
 * optionally {@code ignore-differences.yaml} (an Argo CD {@code ignoreDifferences} list), and
 * {@code expected.yaml}: the verdict ({@code modified}), the {@code mode}, and for changes the
 * RFC 6902 {@code operations} from normalized live to predicted live, text the unified diff
 * must contain ({@code textContains}) and must not ({@code textNotContains}).
 */
class DiffFixturesTest {

    static Stream<String> cases() {
        return FixtureFolders.names("/diff");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void verdictAndPredictionMatchTheFixture(String name) throws IOException {
        Path dir = FixtureFolders.path("/diff/" + name);
        ObjectNode desired = object(dir, "desired.yaml");
        ObjectNode live = object(dir, "live.yaml");
        JsonNode expected = Yaml.readValue(Files.readString(dir.resolve("expected.yaml")), name + "/expected.yaml");
        ResourceDiffer differ = ResourceDiffer.defaults();
        if (Files.exists(dir.resolve("ignore-differences.yaml"))) {
            differ = differ.toBuilder().ignoreDifferences(IgnoreDifferences.parse(
                    Files.readString(dir.resolve("ignore-differences.yaml")), name + "/ignore-differences.yaml")).build();
        }

        DiffResult result = differ.diff(desired, live);

        assertThat(result.modified()).as("modified").isEqualTo(expected.path("modified").asBoolean());
        assertThat(result.mode().name()).as("mode").isEqualTo(expected.path("mode").asText());
        if (expected.has("operations")) {
            assertThat(result.patch()).as("operations").isEqualTo(expected.get("operations"));
        }
        expected.path("textContains").forEach(text -> assertThat(result.textDiff()).contains(text.asText()));
        expected.path("textNotContains").forEach(text -> assertThat(result.textDiff()).doesNotContain(text.asText()));
        assertThat(JsonValues.equal(JsonPatch.apply(result.normalizedLive(), result.patch()), result.predictedLive()))
                .as("the operations turn normalized live into predicted live").isTrue();
        assertThat(result.textDiff().isEmpty()).isEqualTo(!result.modified());
    }

    private static ObjectNode object(Path dir, String file) throws IOException {
        return Yaml.readDocuments(Files.readString(dir.resolve(file)), file).get(0).body();
    }
}
