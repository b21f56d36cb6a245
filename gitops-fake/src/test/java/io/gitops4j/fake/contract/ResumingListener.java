package io.gitops4j.fake.contract;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;

/**
 * What a careful client does with a watch of ConfigMaps: remembers the last resourceVersion seen
 * and watches again from it when the cluster ends the watch (fabric8 does that by itself over
 * HTTP, so there the cluster never ends it).
 */
final class ResumingListener implements WatchListener {

    private final ClusterFixture fixture;
    private final RecordingListener events;
    private volatile Watch watch;
    private volatile String lastSeen = "";
    private volatile boolean stopped;

    ResumingListener(ClusterFixture fixture, RecordingListener events) {
        this.fixture = fixture;
        this.events = events;
    }

    void start(String resourceVersion) {
        lastSeen = resourceVersion;
        watch = fixture.cluster().watch(fixture.type("v1", "ConfigMap"), ListOptions.all(), lastSeen, this);
    }

    void stop() {
        stopped = true;
        watch.close();
    }

    @Override
    public void onEvent(WatchEvent event) {
        lastSeen = event.object().at("/metadata/resourceVersion").asText();
        events.onEvent(event);
    }

    @Override
    public void onClose(ClusterException reason) {
        if (!stopped) {
            start(lastSeen);
        }
    }
}
