package io.gitops4j.diff.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.FixtureFolders;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case under {@code smp/} applied with {@link StrategicMergePatch} gives what
 * {@code kubectl patch --local} gave (the committed goldens; {@code tools/smp-goldens.sh}
 * regenerates them): the same object, or an error where kubectl failed.
 */
class StrategicMergePatchGoldenTest {

    static Stream<String> cases() {
        return FixtureFolders.names("/smp");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void appliesLikeKubectl(String name) throws IOException {
        Path dir = FixtureFolders.path("/smp/" + name);
        ObjectNode original = Json.parseObject(Files.readString(dir.resolve("original.json")), name + "/original.json");
        ObjectNode patch = Json.parseObject(Files.readString(dir.resolve("patch.json")), name + "/patch.json");
        ObjectNode before = original.deepCopy();

        if (Files.exists(dir.resolve("expected-error.txt"))) {
            assertThatThrownBy(() -> StrategicMergePatch.apply(original, patch))
                    .isInstanceOf(PatchException.class)
                    .hasMessageContaining("apps/Deployment/demo/web");
            return;
        }
        ObjectNode expected = Json.parseObject(Files.readString(dir.resolve("expected.json")), name + "/expected.json");
        assertThat(StrategicMergePatch.apply(original, patch)).isEqualTo(expected);
        assertThat(original).as("the original is not modified").isEqualTo(before);
    }
}
