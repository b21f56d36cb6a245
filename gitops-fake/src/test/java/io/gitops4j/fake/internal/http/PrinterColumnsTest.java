package io.gitops4j.fake.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kubectl's way of writing ages, and the JSONPath subset of printer columns. */
class PrinterColumnsTest {

    @Test
    void agesAreWrittenAsKubectlWritesThem() {
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(PrinterColumns.humanDuration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(PrinterColumns.humanDuration(Duration.ofMinutes(95))).isEqualTo("95m");
        assertThat(PrinterColumns.humanDuration(Duration.ofMinutes(185))).isEqualTo("3h5m");
        assertThat(PrinterColumns.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(PrinterColumns.humanDuration(Duration.ofHours(76))).isEqualTo("3d4h");
        assertThat(PrinterColumns.humanDuration(Duration.ofDays(40))).isEqualTo("40d");
        assertThat(PrinterColumns.humanDuration(Duration.ofDays(3 * 365 + 10))).isEqualTo("3y10d");
        assertThat(PrinterColumns.humanDuration(Duration.ofDays(10 * 365))).isEqualTo("10y");
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(-1))).isEqualTo("0s");
    }

    @Test
    void printerColumnPathsReadFieldsIndexesAndEqualityFilters() {
        JsonNode object = Json.parseObject("""
                {"spec": {"containers": [{"image": "nginx"}]},
                 "status": {"phase": "Ready", "conditions": [{"type": "Synced", "status": "False"},
                                                             {"type": "Ready", "status": "True"}]}}
                """, "test");

        assertThat(SimpleJsonPath.read(object, ".status.phase")).map(JsonNode::asText).contains("Ready");
        assertThat(SimpleJsonPath.read(object, "{.spec.containers[0].image}")).map(JsonNode::asText).contains("nginx");
        assertThat(SimpleJsonPath.read(object, ".status.conditions[?(@.type==\"Ready\")].status"))
                .map(JsonNode::asText).contains("True");
        assertThat(SimpleJsonPath.read(object, ".status.conditions[?(@.type=='Synced')].status"))
                .map(JsonNode::asText).contains("False");
        assertThat(SimpleJsonPath.read(object, ".status.missing")).isEqualTo(Optional.empty());
        assertThat(SimpleJsonPath.read(object, ".status.conditions[*].status")).as("wildcards are not read").isEmpty();
    }
}
