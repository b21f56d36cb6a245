package io.gitops4j.diff.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ServerFields;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void equalValuesGetEqualMasksAndTheLastAppliedCopyIsMaskedToo() {
        ObjectNode desired = secret("{\"user\":\"YWRtaW4=\",\"password\":\"bmV3\"}");
        ObjectNode live = secret("{\"user\":\"YWRtaW4=\",\"password\":\"b2xk\"}");
        ((ObjectNode) live.get("metadata")).putObject("annotations").put(ServerFields.LAST_APPLIED_ANNOTATION,
                Json.write(secret("{\"user\":\"YWRtaW4=\",\"password\":\"b2xk\"}")));

        List<ObjectNode> masked = SecretMasker.mask(List.of(desired, live));

        assertThat(masked.get(0).at("/data/user").asText()).isEqualTo(masked.get(1).at("/data/user").asText());
        assertThat(masked.get(0).at("/data/password").asText()).isNotEqualTo(masked.get(1).at("/data/password").asText());
        assertThat(masked.get(0).at("/data/password").asText()).matches("\\++");
        String annotation = masked.get(1).at("/metadata/annotations").get(ServerFields.LAST_APPLIED_ANNOTATION).asText();
        assertThat(annotation).doesNotContain("b2xk").doesNotContain("YWRtaW4=")
                .contains("\"password\":\"" + masked.get(1).at("/data/password").asText() + "\"");
        assertThat(desired.at("/data/password").asText()).as("inputs untouched").isEqualTo("bmV3");
    }

    @Test
    void otherKindsAreNotMasked() {
        ObjectNode configMap = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"a\":\"1\"}}", "t");

        assertThat(SecretMasker.mask(List.of(configMap)).get(0)).isSameAs(configMap);
    }

    private static ObjectNode secret(String data) {
        return Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"data\":" + data + "}", "t");
    }
}
