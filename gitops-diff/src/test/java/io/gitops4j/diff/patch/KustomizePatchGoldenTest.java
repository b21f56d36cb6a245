package io.gitops4j.diff.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.FixtureFolders;
import io.gitops4j.kube.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StrategicMergePatch#applyLikeKustomize} gives what {@code kubectl kustomize} (Kustomize
 * v5.7) gave for a kustomization patching {@code resource.yaml} with {@code patch.yaml}
 * (goldens under {@code smp-kustomize/}, made by {@code tools/smp-goldens.sh}).
 */
class KustomizePatchGoldenTest {

    static Stream<String> cases() {
        return FixtureFolders.names("/smp-kustomize");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void patchesLikeKustomize(String name) throws IOException {
        Path dir = FixtureFolders.path("/smp-kustomize/" + name);

        ObjectNode patched = StrategicMergePatch.applyLikeKustomize(read(dir, "resource.yaml"), read(dir, "patch.yaml"));

        assertThat(patched).isEqualTo(read(dir, "expected.yaml"));
    }

    private static ObjectNode read(Path dir, String file) throws IOException {
        // Kustomize reads resources and patches with kyaml: `name: n` is the string "n" there.
        return YamlReader.kyaml().readDocuments(Files.readString(dir.resolve(file)), file).get(0).body();
    }
}
