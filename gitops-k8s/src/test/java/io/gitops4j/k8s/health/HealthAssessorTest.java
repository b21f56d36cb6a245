package io.gitops4j.k8s.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.health.lua.HealthScriptException;
import io.gitops4j.kube.Yaml;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthAssessorTest {

    private static final String READY_IS_HEALTHY = "return {status = 'Healthy', message = 'inline'}";

    @Test
    void aFolderScriptJudgesItsKindAndWildcardFoldersTheRest() {
        HealthAssessor assessor = HealthAssessor.builder().luaDirectory(customizations()).build();

        assertThat(assessor.assess(object("queue.example.com/v1alpha1", "Queue", "status: {phase: Active}")))
                .contains(Health.healthy("Active"));
        assertThat(assessor.assess(object("iam.aws.crossplane.io/v1beta1", "Role", "status: {}")))
                .contains(Health.progressing("Waiting for Role to become ready"));
        assertThat(assessor.assess(object("v1", "Namespace", "status: {phase: Active}")))
                .contains(Health.healthy(""));
    }

    @Test
    void inlineConfigurationWinsOverFoldersAndScriptsWinOverBuiltInChecks() {
        HealthAssessor assessor = HealthAssessor.builder()
                .luaDirectory(customizations())
                .argoCdConfig(Map.of(
                        "resource.customizations.health.queue.example.com_Queue", READY_IS_HEALTHY,
                        "resource.customizations.health.apps_Deployment", "return {status = 'Suspended'}",
                        "resource.customizations", "\"*.example.org/*\":\n  health.lua: |\n    return {status = 'Degraded'}\n",
                        "resource.customizations.ignoreDifferences.all", "jsonPointers: [/status]"))
                .build();

        assertThat(assessor.assess(object("queue.example.com/v1alpha1", "Queue", "status: {phase: Failed}")))
                .contains(Health.healthy("inline"));
        assertThat(assessor.assess(HealthFixtures.read("deployment-healthy"))).contains(Health.suspended(""));
        assertThat(assessor.assess(object("billing.example.org/v1", "Invoice", "status: {}")))
                .contains(Health.degraded(""));
    }

    @Test
    void aScriptThatDoesNotCompileMakesItsKindUnknownAndLeavesOthersAlone() {
        HealthAssessor assessor = HealthAssessor.builder().luaScript("example.com/Widget", "if then").build();

        assertThat(assessor.assess(object("example.com/v1", "Widget", "status: {}"))).get()
                .satisfies(h -> assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN))
                .satisfies(h -> assertThat(h.message()).contains("health script for example.com/Widget:1"));
        assertThat(assessor.assess(HealthFixtures.read("deployment-healthy"))).contains(Health.healthy(""));
    }

    @Test
    void aJavaCheckReplacesTheBuiltInOneAndAThrowingCheckIsUnknown() {
        HealthAssessor assessor = HealthAssessor.builder()
                .check("", "ConfigMap", live -> Optional.of(Health.healthy("has " + live.path("data").size() + " keys")))
                .check("apps", "Deployment", live -> {
                    throw new IllegalStateException("cannot judge " + live.path("metadata").path("name").asText());
                })
                .build();

        assertThat(assessor.assess(HealthFixtures.read("configmap-none"))).contains(Health.healthy("has 1 keys"));
        assertThat(assessor.assess(HealthFixtures.read("deployment-healthy")))
                .contains(Health.unknown("cannot judge guestbook-ui"));
    }

    @Test
    void aMissingLuaFolderIsAClearError() {
        assertThatThrownBy(() -> HealthAssessor.builder().luaDirectory(Path.of("/no/such/folder")))
                .isInstanceOf(HealthScriptException.class)
                .hasMessageContaining("/no/such/folder does not exist");
    }

    @Test
    void theWorstStatusWins() {
        assertThat(HealthStatus.worst(HealthStatus.HEALTHY, HealthStatus.PROGRESSING)).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(HealthStatus.worst(HealthStatus.MISSING, HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.worst(HealthStatus.UNKNOWN, HealthStatus.DEGRADED)).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(HealthStatus.SUSPENDED.isWorseThan(HealthStatus.HEALTHY)).isTrue();
        assertThat(HealthStatus.PROGRESSING.isWorseThan(HealthStatus.MISSING)).isFalse();
    }

    static ObjectNode object(String apiVersion, String kind, String yamlTail) {
        return Yaml.readDocuments("apiVersion: " + apiVersion + "\nkind: " + kind
                + "\nmetadata: {name: x, namespace: shop}\n" + yamlTail + "\n", "test").get(0).body();
    }

    static Path customizations() {
        try {
            return Path.of(Objects.requireNonNull(HealthAssessorTest.class.getResource("/health/customizations")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
