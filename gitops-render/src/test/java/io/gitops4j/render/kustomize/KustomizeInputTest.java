package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file a kustomization loads must be UTF-8, and a file that is not is named with the byte
 * offset of its first invalid byte (not "Input length = 1", not replacement characters); and
 * nothing is taken from the renderer's own environment.
 */
class KustomizeInputTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";
    private static final byte[] LATIN1 = "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path repo;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "kustomization file | kustomization.yaml | resources: [cm.yaml]\\n",
        "resource           | cm.yaml            | resources: [cm.yaml]\\n",
        "patch              | patch.yaml         | resources: [cm.yaml]\\npatches:\\n- path: patch.yaml\\n",
        "strategic merge    | patch.yaml         | resources: [cm.yaml]\\npatchesStrategicMerge: [patch.yaml]\\n",
        "generator env file | app.env            | configMapGenerator:\\n- name: gen\\n  envs: [app.env]\\n",
        "configurations     | config.yaml        | resources: [cm.yaml]\\nconfigurations: [config.yaml]\\n",
        "crds               | crds.yaml          | resources: [cm.yaml]\\ncrds: [crds.yaml]\\n",
        "replacements       | replacements.yaml  | resources: [cm.yaml]\\nreplacements:\\n- path: replacements.yaml\\n",
    })
    void aFileThatIsNotUtf8IsNamedWithTheByteOffset(String what, String file, String kustomization) throws IOException {
        write("app/kustomization.yaml", kustomization.replace("\\n", "\n"));
        write("app/cm.yaml", CONFIG_MAP);
        write("app/patch.yaml", CONFIG_MAP);
        write("app/app.env", "A=b\n");
        write("app/config.yaml", "{}\n");
        write("app/crds.yaml", "{}\n");
        write("app/replacements.yaml", "[]\n");
        Path target = repo.resolve("app").resolve(file);
        byte[] content = Files.readAllBytes(target);
        byte[] bad = new byte[content.length + LATIN1.length];
        System.arraycopy(content, 0, bad, 0, content.length);
        System.arraycopy(LATIN1, 0, bad, content.length, LATIN1.length);
        Files.write(target, bad);

        assertThatThrownBy(() -> KustomizeRenderer.create().render(RepositoryRoot.of(repo), "app"))
                .isInstanceOf(RenderException.class)
                .hasMessageEndingWith("app/" + file + " is not valid UTF-8: byte 0xE9 at byte offset "
                        + (content.length + 5) + " (line " + (content.length == 0 ? 1 : lines(content) + 1)
                        + ") is not part of a UTF-8 character; convert it to UTF-8");
    }

    @Test
    void aKeyWithoutValueInAnEnvFileIsNotTakenFromTheRenderersEnvironment() throws IOException {
        assertThat(System.getenv("PATH")).isNotEmpty();
        write("app/kustomization.yaml", "configMapGenerator:\n- name: gen\n  envs: [app.env]\n"
                + "generatorOptions:\n  disableNameSuffixHash: true\n");
        write("app/app.env", "PATH\nA=b\n");

        List<ObjectNode> objects = KustomizeRenderer.create().render(RepositoryRoot.of(repo), "app");

        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).path("data").toString()).isEqualTo("{\"A\":\"b\"}");
    }

    private static int lines(byte[] content) {
        int lines = 0;
        for (byte b : content) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
