package io.gitops4j.fake.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.kube.KubernetesObjects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records watch events for assertions. Events may arrive on another thread (over HTTP), so
 * {@link #next()} waits for the next one, up to ten seconds.
 */
public final class RecordingListener implements WatchListener {

    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<ClusterException> closes = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(WatchEvent event) {
        events.add(event);
    }

    @Override
    public void onClose(ClusterException reason) {
        closes.add(reason);
    }

    /** The next event; fails when none comes within ten seconds. */
    public WatchEvent next() {
        try {
            WatchEvent event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("a watch event within 10 seconds").isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event if one has arrived already, or {@code null}. */
    public WatchEvent poll() {
        return events.poll();
    }

    /** The next event, described as "TYPE name". */
    public String nextSummary() {
        WatchEvent event = next();
        return event.type() + " " + KubernetesObjects.name(event.object());
    }

    /** The reason the cluster ended the watch; fails when it does not within ten seconds. */
    public ClusterException nextClose() {
        try {
            ClusterException reason = closes.poll(10, TimeUnit.SECONDS);
            assertThat(reason).as("the watch ended within 10 seconds").isNotNull();
            return reason;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
