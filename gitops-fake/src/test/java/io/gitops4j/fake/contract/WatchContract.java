package io.gitops4j.fake.contract;

import static io.gitops4j.fake.contract.ClusterFixture.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import org.junit.jupiter.api.Test;

/**
 * Watch semantics every form of the fake cluster must have. Each test ends with a marker write
 * whose event must come next, which proves no unexpected event came before it.
 */
@SuppressWarnings("try") // watches are opened in try-with-resources only to be closed
public interface WatchContract extends ClusterFixture {

    @Test
    default void aWatchFromNowSeesWhatExistsThenEveryChange() {
        cluster().create(configMap("existing", "app: web"));
        RecordingListener events = new RecordingListener();

        try (Watch watch = cluster().watch(configMaps(), ListOptions.inNamespace("default"), "", events)) {
            assertThat(events.nextSummary()).isEqualTo("ADDED existing");
            ObjectNode created = cluster().create(configMap("new", "app: web"));
            WatchEvent added = events.next();
            assertThat(added.type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(added.object().at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));
            cluster().patch(configMaps(), "default", "new", Patch.merge(ClusterFixture.yaml("{data: {color: red}}")),
                    WriteOptions.defaults());
            WatchEvent modified = events.next();
            assertThat(modified.type()).isEqualTo(WatchEvent.Type.MODIFIED);
            assertThat(modified.object().at("/data/color").asText()).isEqualTo("red");
            cluster().delete(configMaps(), "default", "new");
            assertThat(events.nextSummary()).isEqualTo("DELETED new");
            cluster().create(configMap("marker", "app: web"));
            assertThat(events.nextSummary()).isEqualTo("ADDED marker");
        }
    }

    @Test
    default void aWatchFromAListsResourceVersionSeesOnlyLaterChanges() {
        cluster().create(configMap("before", "app: web"));
        ResourceList list = cluster().listWithVersion(configMaps(), ListOptions.inNamespace("default"));
        cluster().create(configMap("after", "app: web"));
        RecordingListener events = new RecordingListener();

        try (Watch watch = cluster().watch(configMaps(), ListOptions.inNamespace("default"), list.resourceVersion(),
                events)) {
            assertThat(events.nextSummary()).isEqualTo("ADDED after");
            cluster().create(configMap("marker", "app: web"));
            assertThat(events.nextSummary()).isEqualTo("ADDED marker");
        }
    }

    @Test
    default void objectsEnteringAndLeavingTheSelectionAreAddedAndDeleted() {
        cluster().create(configMap("a", "app: web"));
        RecordingListener events = new RecordingListener();

        try (Watch watch = cluster().watch(configMaps(), ListOptions.all().withLabelSelector("app=web"), "", events)) {
            assertThat(events.nextSummary()).isEqualTo("ADDED a");
            cluster().create(configMap("other", "app: dns"));
            relabel("a", "dns");
            assertThat(events.nextSummary()).isEqualTo("DELETED a");
            relabel("other", "web");
            assertThat(events.nextSummary()).isEqualTo("ADDED other");
            cluster().create(configMap("marker", "app: web"));
            assertThat(events.nextSummary()).isEqualTo("ADDED marker");
        }
    }

    @Test
    default void aWatchSeesOnlyItsNamespaceAndFields() {
        cluster().create(ClusterFixture.yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"));
        RecordingListener events = new RecordingListener();

        try (Watch watch = cluster().watch(configMaps(),
                ListOptions.inNamespace("shop").withFieldSelector("metadata.name!=ignored"), "", events)) {
            cluster().create(configMap("elsewhere", "app: web"));
            cluster().create(KubernetesObjects.withNamespace(configMap("ignored", "app: web"), "shop"));
            cluster().create(KubernetesObjects.withNamespace(configMap("marker", "app: web"), "shop"));
            assertThat(events.nextSummary()).isEqualTo("ADDED marker");
        }
    }

    @Test
    default void aWatchFromAResourceVersionNoLongerKeptHasExpired() {
        String old = fake().resourceVersion();
        for (int i = 0; i < 60; i++) {
            cluster().create(configMap("cm-" + i, "app: web"));
        }

        assertThatThrownBy(() -> watchOrFirstClose(old))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(410))
                .hasMessageContaining("too old resource version");
    }

    @Test
    default void aWatchFromAnOldResourceVersionSeesEachVersionAsItWasWritten() {
        String start = fake().resourceVersion();
        WriteOptions alice = WriteOptions.fieldManager("alice");
        ObjectNode first = cluster().apply(ClusterFixture.deployment("replayed", 1), alice);
        ObjectNode newImage = ClusterFixture.deployment("replayed", 2);
        ((ObjectNode) newImage.at("/spec/template/spec/containers/0")).put("image", "nginx:1.28");
        ObjectNode second = cluster().apply(newImage, alice);
        ObjectNode third = cluster().patch(type("apps/v1", "Deployment"), "default", "replayed",
                Patch.merge(ClusterFixture.yaml("{spec: {template: {spec: {terminationGracePeriodSeconds: 5}}}}")),
                WriteOptions.defaults());
        RecordingListener events = new RecordingListener();

        try (Watch watch = cluster().watch(type("apps/v1", "Deployment"), ListOptions.all(), start, events)) {
            // Later writes must not have changed what earlier ones stored, down to the container defaults.
            assertThat(asWritten(events.next().object())).isEqualTo(asWritten(first));
            assertThat(asWritten(events.next().object())).isEqualTo(asWritten(second));
            assertThat(asWritten(events.next().object())).isEqualTo(asWritten(third));
        }
        assertThat(first.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
        assertThat(first.at("/spec/template/spec/containers/0/terminationMessagePath").asText())
                .isEqualTo("/dev/termination-log");
        assertThat(third.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(5);
    }

    @Test
    default void aClosedWatchSeesNoMoreEvents() {
        RecordingListener closedEvents = new RecordingListener();
        RecordingListener openEvents = new RecordingListener();
        Watch closed = cluster().watch(configMaps(), ListOptions.all(), fake().resourceVersion(), closedEvents);
        try (Watch open = cluster().watch(configMaps(), ListOptions.all(), fake().resourceVersion(), openEvents)) {
            closed.close();
            cluster().create(configMap("after-close", "app: web"));
            assertThat(openEvents.nextSummary()).isEqualTo("ADDED after-close");
        }
        assertThat(closedEvents.poll()).as("no event after close").isNull();
    }

    /**
     * Watches from {@code resourceVersion}; a 410 comes as an exception in process and as the end
     * of the watch over HTTP: either way it is thrown here.
     */
    private void watchOrFirstClose(String resourceVersion) {
        RecordingListener events = new RecordingListener();
        try (Watch watch = cluster().watch(configMaps(), ListOptions.all(), resourceVersion, events)) {
            throw events.nextClose();
        }
    }

    /** The object as JSON text read back, so that numbers compare by value whichever client decoded them. */
    private static ObjectNode asWritten(ObjectNode object) {
        return Json.parseObject(Json.write(object), "watch event");
    }

    private void relabel(String name, String app) {
        cluster().patch(configMaps(), "default", name, Patch.merge(ClusterFixture.yaml("{metadata: {labels: {app: "
                + app + "}}}")), WriteOptions.defaults());
    }

    private ResourceType configMaps() {
        return type("v1", "ConfigMap");
    }
}
