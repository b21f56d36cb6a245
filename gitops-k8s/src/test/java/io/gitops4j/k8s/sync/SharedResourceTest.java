package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.k8s.tracking.TrackingId;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two applications that claim one object: Argo CD's {@code SharedResourceWarning}, found while
 * comparing, carried by the sync result; the sync still takes the object over, unless
 * {@code FailOnSharedResource=true}.
 */
class SharedResourceTest {

    private static final String SETTINGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: default}
            data: {color: %s}
            """;
    private static final String OWN = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: own, namespace: default}\n";

    private final FakeCluster cluster = new FakeCluster();
    private final SyncEngine engine = new SyncEngine(cluster);

    @Test
    void anObjectTrackedAsAnotherApplicationsIsAWarningAndTheSyncStillTakesItOver() {
        engine.sync(compare("billing", SETTINGS.formatted("blue"), ResourceTracking.annotation()), SyncRequest.defaults());

        Comparison shop = compare("shop", SETTINGS.formatted("green") + "---\n" + OWN, ResourceTracking.annotation());
        SyncResult result = engine.sync(shop, SyncRequest.defaults());

        ApplicationCondition expected = new ApplicationCondition(ApplicationCondition.Type.SHARED_RESOURCE_WARNING,
                "ConfigMap/settings is part of applications shop and billing");
        assertThat(shop.conditions()).containsExactly(expected);
        assertThat(expected.toString()).isEqualTo("SharedResourceWarning: ConfigMap/settings is part of applications "
                + "shop and billing");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.conditions()).containsExactly(expected);
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings").orElseThrow()
                .at("/metadata/annotations").get(TrackingId.ANNOTATION).asText())
                .isEqualTo("shop:/ConfigMap:default/settings");
        assertThat(compare("billing", SETTINGS.formatted("blue"), ResourceTracking.annotation()).conditions())
                .extracting(ApplicationCondition::message)
                .containsExactly("ConfigMap/settings is part of applications billing and shop");
    }

    @Test
    void failOnSharedResourceFailsTheSyncBeforeAnythingIsWritten() {
        engine.sync(compare("billing", SETTINGS.formatted("blue"), ResourceTracking.annotation()), SyncRequest.defaults());

        SyncResult result = engine.sync(compare("shop", SETTINGS.formatted("green") + "---\n" + OWN,
                ResourceTracking.annotation()), SyncRequest.builder()
                .syncOptions(List.of(SyncOption.FAIL_ON_SHARED_RESOURCE.enabled())).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).isEqualTo("Shared resource found: ConfigMap/settings is part of applications shop "
                + "and billing (sync option FailOnSharedResource=true)");
        assertThat(cluster.get("v1", "ConfigMap", "default", "own")).isEmpty();
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings").orElseThrow().at("/data/color").asText())
                .isEqualTo("blue");
        assertThat(cluster.get("coordination.k8s.io/v1", "Lease", "default", "gitops4j-sync-shop")).isEmpty();
    }

    @Test
    void failOnSharedResourceLetsASyncWithoutSharedResourcesRun() {
        SyncResult result = engine.sync(compare("shop", OWN, ResourceTracking.annotation()), SyncRequest.builder()
                .syncOptions(List.of(SyncOption.FAIL_ON_SHARED_RESOURCE.enabled())).build());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.conditions()).isEmpty();
    }

    @Test
    void anAnnotationCopiedFromAnotherObjectOrNoTrackingAtAllIsNoWarning() {
        cluster.createFromYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: default
                  annotations: {gitops4j.io/tracking-id: "billing:/ConfigMap:default/other"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: own, namespace: default}
                """);

        Comparison shop = compare("shop", SETTINGS.formatted("green") + "---\n" + OWN, ResourceTracking.annotation());

        assertThat(shop.conditions()).isEmpty();
    }

    @Test
    void withLabelTrackingTheLabelNamesTheOtherApplication() {
        engine.sync(compare("billing", SETTINGS.formatted("blue"), ResourceTracking.label()), SyncRequest.defaults());

        Comparison shop = compare("shop", SETTINGS.formatted("green"), ResourceTracking.label());

        assertThat(shop.conditions(ApplicationCondition.Type.SHARED_RESOURCE_WARNING)).extracting(ApplicationCondition::message)
                .containsExactly("ConfigMap/settings is part of applications shop and billing");
    }

    private Comparison compare(String app, String yaml, ResourceTracking tracking) {
        List<ObjectNode> objects = Yaml.readDocuments(yaml, "git").stream().map(YamlDocument::body).toList();
        return new StateComparer(cluster, ResourceDiffer.defaults())
                .compare(DesiredState.prepare(objects, SyncTarget.builder(app, "default").tracking(tracking).build(), cluster));
    }
}
