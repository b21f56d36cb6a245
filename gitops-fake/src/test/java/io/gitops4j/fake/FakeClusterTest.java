package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.fake.contract.RecordingListener;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What is particular to the in-process form; the API semantics it shares with the HTTP form are
 * in {@code io.gitops4j.fake.contract}.
 */
class FakeClusterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T09:30:00Z"));
    private final FakeCluster cluster = new FakeCluster(clock);
    private final ResourceType deployments = cluster.resourceType("apps/v1", "Deployment").orElseThrow();

    @Test
    void startsWithTheNamespacesEveryClusterHas() {
        assertThat(cluster.list(cluster.resourceType("v1", "Namespace").orElseThrow(), ListOptions.all()))
                .extracting(KubernetesObjects::name)
                .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
    }

    @Test
    void returnedObjectsAreCopies() {
        ObjectNode created = cluster.create(deployment("web"));
        ((ObjectNode) created.get("spec")).put("replicas", 99);

        assertThat(cluster.get(deployments, "default", "web").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void watchEventsAreDeliveredBeforeTheWriteReturns() {
        RecordingListener events = new RecordingListener();
        cluster.watch(deployments, ListOptions.all(), cluster.resourceVersion(), events);

        cluster.create(deployment("web"));

        WatchEvent event = events.poll();
        assertThat(event).isNotNull();
        assertThat(event.type()).isEqualTo(WatchEvent.Type.ADDED);
    }

    @Test
    void aListenerMayWriteToTheClusterAndSeesItsOwnWriteAfterTheEventItHandles() {
        List<String> seen = new ArrayList<>();
        cluster.watch(deployments, ListOptions.all(), cluster.resourceVersion(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                seen.add(event.type() + " " + KubernetesObjects.name(event.object()));
                if (KubernetesObjects.name(event.object()).equals("web")) {
                    cluster.create(deployment("follow-up"));
                }
            }
        });

        cluster.create(deployment("web"));
        cluster.create(deployment("last"));

        assertThat(seen).containsExactly("ADDED web", "ADDED follow-up", "ADDED last");
    }

    @Test
    void anInjectedTooManyRequestsCarriesRetryAfter() {
        cluster.faults().inject(Fault.failing(429).retryAfter(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> cluster.get(deployments, "default", "web"))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                })
                .hasMessage("injected fault: get apps/v1/Deployment fails with 429");
    }

    @Test
    void droppingTheWatchesOfOneKindLeavesTheOthersOpen() {
        RecordingListener deploymentEvents = new RecordingListener();
        RecordingListener configMapEvents = new RecordingListener();
        cluster.watch(deployments, ListOptions.all(), cluster.resourceVersion(), deploymentEvents);
        cluster.watch(cluster.resourceType("v1", "ConfigMap").orElseThrow(), ListOptions.all(), cluster.resourceVersion(),
                configMapEvents);

        cluster.faults().dropWatches("ConfigMap");
        cluster.create(deployment("web"));

        assertThat(configMapEvents.nextClose().code()).isEqualTo(ClusterException.UNREACHABLE);
        assertThat(deploymentEvents.nextSummary()).isEqualTo("ADDED web");
    }

    @Test
    void objectsListsEverythingStored() {
        cluster.createFromYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}}}
                """);

        assertThat(cluster.objects()).extracting(o -> KubernetesObjects.kind(o) + "/" + KubernetesObjects.name(o))
                .containsExactly("ConfigMap/settings", "Namespace/default", "Namespace/kube-node-lease",
                        "Namespace/kube-public", "Namespace/kube-system", "Deployment/web");
    }

    @Test
    void timestampsComeFromTheInjectedClock() {
        clock.advance(Duration.ofHours(1));

        assertThat(cluster.create(deployment("web")).at("/metadata/creationTimestamp").asText())
                .isEqualTo("2026-11-22T10:30:00Z");
    }

    private static ObjectNode deployment(String name) {
        return Yaml.readDocuments("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - {name: app, image: nginx}
                """.formatted(name, name, name), "deployment").get(0).body();
    }
}
