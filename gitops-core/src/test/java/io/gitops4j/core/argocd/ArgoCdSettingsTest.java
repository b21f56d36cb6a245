package io.gitops4j.core.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.tracking.TrackingId;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo CD's {@code argocd-cm} and {@code argocd-secret}, in the shapes Argo CD documents, read and applied. */
class ArgoCdSettingsTest {

    private final ArgoCdSettings settings = ArgoCdSettings.fromObjects(yaml("argocd-cm.yaml"),
            Optional.of(yaml("argocd-secret.yaml")));

    @Test
    void readsTheTimeoutsLabelTrackingAndWebhookSettings() {
        assertThat(settings.reconciliationTimeout()).contains(Duration.ofMinutes(10));
        assertThat(settings.reconciliationJitter()).contains(Duration.ZERO);
        assertThat(settings.instanceLabelKey()).isEqualTo("gitops.example.com/app");
        assertThat(settings.trackingMethod()).isEqualTo("annotation+label");
        assertThat(settings.maxWebhookPayloadBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(settings.webhookSecrets().github()).isEqualTo("github-shared-secret");
        assertThat(settings.webhookSecrets().gitlab()).isEqualTo("gitlab-token-value");
        assertThat(settings.webhookSecrets().bitbucketUuid()).isEqualTo("{9f3c8a5e-1b2d-4c6e-8f7a-0b1c2d3e4f5a}");
        assertThat(settings.webhookSecrets().bitbucketServer()).isEqualTo("bitbucket-server-secret");
        assertThat(settings.webhookSecrets().gogs()).isEqualTo("gitea-shared-secret");
        assertThat(settings.toString()).doesNotContain("github-shared-secret").doesNotContain("gitlab-token-value")
                .doesNotContain("bitbucket-server-secret").doesNotContain("gitea-shared-secret");
    }

    @Test
    void defaultsAreArgoCdsDefaults() {
        ArgoCdSettings defaults = ArgoCdSettings.defaults();

        assertThat(defaults.reconciliationTimeout()).isEmpty();
        assertThat(defaults.instanceLabelKey()).isEqualTo("app.kubernetes.io/instance");
        assertThat(defaults.trackingMethod()).isEqualTo("annotation");
        assertThat(defaults.maxWebhookPayloadBytes()).isEqualTo(WebhookHandler.DEFAULT_MAX_PAYLOAD_BYTES);
        assertThat(defaults.healthScripts()).isEmpty();
        assertThat(defaults.ignoreDifferences()).isEmpty();
        assertThat(defaults.resourceFilter().isExcluded("", "Event", "https://kubernetes.default.svc")).isTrue();
        assertThat(defaults.resourceFilter().isExcluded("apps", "Deployment", "https://kubernetes.default.svc")).isFalse();
    }

    @Test
    void argoCdsDefaultExclusionsApplyOnlyWhereTheKeyIsAbsent() {
        ResourceFilter absent = ArgoCdSettings.defaults().resourceFilter();
        ResourceFilter empty = ArgoCdSettings.fromData(Map.of("resource.exclusions", ""), Map.of()).resourceFilter();
        String here = "https://kubernetes.default.svc";

        assertThat(absent.isExcluded("discovery.k8s.io", "EndpointSlice", here)).isTrue();
        assertThat(absent.isExcluded("", "Endpoints", here)).isTrue();
        assertThat(absent.isExcluded("authentication.k8s.io", "TokenReview", here)).isTrue();
        assertThat(absent.isExcluded("reports.kyverno.io", "EphemeralReport", here)).isTrue();
        assertThat(absent.isExcluded("", "ConfigMap", here)).isFalse();
        assertThat(empty.isExcluded("discovery.k8s.io", "EndpointSlice", here)).as("an empty value sets none").isFalse();
        assertThat(empty.isExcluded("coordination.k8s.io", "Lease", here)).as("the core exclusions stay").isTrue();
    }

    @Test
    void trackingWritesTheConfiguredLabelBesideTheAnnotation() {
        ObjectNode marked = settings.tracking().mark(object("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: guestbook}
                """), "guestbook");

        assertThat(marked.at("/metadata/labels/gitops.example.com~1app").asText()).isEqualTo("guestbook");
        assertThat(marked.path("metadata").path("annotations").path(TrackingId.ANNOTATION).asText()).startsWith("guestbook:");
        assertThat(settings.tracking().owningApp(marked)).contains("guestbook");
    }

    @Test
    void globalIgnoreDifferencesByGroupKindAndForAll() {
        ResourceDiffer differ = settings.differ(ResourceDiffer.defaults());
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: guestbook%s}
                spec: {replicas: %d}
                """;

        assertThat(differ.diff(object(deployment.formatted("", 2)), object(deployment.formatted("", 5))).modified())
                .as("apps_Deployment ignores /spec/replicas").isFalse();
        assertThat(differ.diff(object(deployment.replace("Deployment", "StatefulSet").formatted("", 2)),
                object(deployment.replace("Deployment", "StatefulSet").formatted("", 5))).modified())
                .as("a StatefulSet's replicas still count").isTrue();
        assertThat(differ.diff(object(deployment.replace("Deployment", "StatefulSet").formatted("", 2)),
                object(deployment.replace("Deployment", "StatefulSet")
                        .formatted(", annotations: {example.com/last-seen: monday}", 2))).modified())
                .as(".all ignores the jq path on every kind").isFalse();
        assertThat(ResourceDiffer.defaults().diff(object(deployment.formatted("", 2)), object(deployment.formatted("", 5)))
                .modified()).as("the rules come from the settings").isTrue();
    }

    @Test
    void healthScriptsOfSplitKeysAndOfTheSingleKey() {
        HealthAssessor health = settings.health(HealthAssessor.builder()).build();

        assertThat(settings.healthScripts()).containsOnlyKeys("ConfigMap", "cert-manager.io/Certificate",
                "argoproj.io/Rollout");
        assertThat(health.assess(object("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {greeting: hello}
                """))).hasValueSatisfying(h -> {
                    assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
                    assertThat(h.message()).isEqualTo("greeting is still the default");
                });
        assertThat(health.assess(object("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: tls}
                """))).hasValueSatisfying(h -> assertThat(h.status()).isEqualTo(HealthStatus.PROGRESSING));
        assertThat(settings.ignoreDifferences()).anySatisfy(rule -> {
            assertThat(rule.group()).isEqualTo("argoproj.io");
            assertThat(rule.kind()).isEqualTo("Rollout");
            assertThat(rule.jsonPointers()).containsExactly("/spec/template/metadata/annotations");
        });
    }

    @Test
    void exclusionsAndInclusionsAsArgoCdJudgesThem() {
        ResourceFilter filter = settings.resourceFilter();

        assertThat(filter.isExcluded("cilium.io", "CiliumIdentity", "https://kubernetes.default.svc")).isTrue();
        assertThat(filter.isExcluded("networking.k8s.io", "Ingress", "https://staging.example.com:6443")).isTrue();
        assertThat(filter.isExcluded("networking.k8s.io", "Ingress", "https://kubernetes.default.svc")).isFalse();
        assertThat(filter.isExcluded("apps", "Deployment", "https://prod-eu.example.com")).isFalse();
        assertThat(filter.isExcluded("", "ConfigMap", "https://edge.example.com")).isFalse();
        assertThat(filter.isExcluded("apps", "Deployment", "https://edge.example.com"))
                .as("a cluster with inclusions includes only them").isTrue();
        assertThat(filter.isExcluded("coordination.k8s.io", "Lease", "https://prod-eu.example.com"))
                .as("core exclusions win").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "timeout.reconciliation | 3 minutes | not a duration",
        "timeout.reconciliation.jitter | -5s | negative",
        "application.resourceTrackingMethod | labels | not one of annotation, label, annotation+label",
        "application.instanceLabelKey | my app | not a label key",
        "resource.customizations.ignoreDifferences.apps_Deployment | jsonPointers: [spec/replicas] | spec/replicas",
        "resource.customizations.ignoreDifferences.all | 'jqPathExpressions: [\".spec[\"]' | jq",
        "resource.customizations.ignoreDifferences.Service | just text | must be a mapping",
        "resource.customizations.health.apps_Deployment | hs = { | does not compile",
        "resource.customizations.healthz.apps_Deployment | x | customization type 'healthz'",
        "resource.customizations.health.a_b_Deployment | x | not <group>_<kind>",
        "resource.customizations | '[not, a, mapping]' | must be a mapping",
        "resource.exclusions | 'apiGroups: [x]' | must be a list",
        "resource.inclusions | '- kinds: Deployment' | resource.inclusions[0].kinds",
        "resource.exclusions | '- apiGroups: [\"{a,b}.io\"]' | only * and ?",
        "webhook.maxPayloadSizeMB | lots | not a whole number",
    })
    void aMalformedEntryIsRefusedNamingItsKey(String key, String value, String problem) {
        Map<String, String> cm = new HashMap<>();
        cm.put(key, value);

        assertThatThrownBy(() -> ArgoCdSettings.fromData(cm, Map.of()))
                .isInstanceOf(ArgoCdSettingsException.class)
                .hasMessageStartingWith("argocd-cm key '" + key)
                .hasMessageContaining(problem);
    }

    @Test
    void aSecretReferenceOrUndecodableSecretIsRefusedWithoutItsValue() {
        assertThatThrownBy(() -> ArgoCdSettings.fromData(Map.of(), Map.of("webhook.github.secret", "$other:token")))
                .isInstanceOf(ArgoCdSettingsException.class).hasMessageContaining("'webhook.github.secret'")
                .hasMessageNotContaining("other:token");
        ObjectNode secret = object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: argocd-secret, namespace: argocd}
                data:
                  webhook.gitlab.secret: "not base64 at all!"
                """);
        assertThatThrownBy(() -> ArgoCdSettings.fromObjects(object("kind: ConfigMap\nmetadata: {name: argocd-cm}"),
                Optional.of(secret)))
                .isInstanceOf(ArgoCdSettingsException.class)
                .hasMessageContaining("Secret argocd/argocd-secret key 'webhook.gitlab.secret'")
                .hasMessageNotContaining("not base64 at all");
    }

    @Test
    void zeroTurnsThePeriodicRefreshOff() {
        ArgoCdSettings off = ArgoCdSettings.fromData(Map.of("timeout.reconciliation", "0s"), Map.of());

        assertThat(off.reconciliationTimeout()).contains(Duration.ZERO);
        assertThat(ArgoCdSettings.fromData(Map.of("timeout.reconciliation", "1h30m"), Map.of()).reconciliationTimeout())
                .contains(Duration.ofMinutes(90));
        assertThat(ArgoCdSettings.fromData(Map.of("timeout.reconciliation", "180s"), Map.of()).reconciliationTimeout())
                .contains(Duration.ofMinutes(3));
    }

    static ObjectNode yaml(String name) {
        try (InputStream in = ArgoCdSettingsTest.class.getResourceAsStream("/argocd/" + name)) {
            return object(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String yaml) {
        JsonNode node = Yaml.readValue(yaml, "test");
        return (ObjectNode) node;
    }
}
