package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for an Application object to reach a state, as the argocd CLI waits on the API server's
 * watch: the object is watched (not polled), and each version of it (empty once it is deleted) is
 * tested until the test holds or the time is up. A watch the API server ends is opened again.
 */
final class ApplicationWatch {

    private final Cluster cluster;
    private final ResourceType type;
    private final String namespace;
    private final String name;

    ApplicationWatch(Cluster cluster, ResourceType type, String namespace, String name) {
        this.cluster = cluster;
        this.type = type;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * The first version of the object {@code done} accepts (empty: it is gone), the current one first.
     *
     * @param timeout how long to wait at most
     * @param what what is waited for, for the message when the time is up ("the sync of argocd/shop to end")
     * @throws GitOpsException when the time is up, or the thread is interrupted
     */
    Optional<ObjectNode> until(Predicate<Optional<ObjectNode>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        BlockingQueue<Optional<WatchEvent>> events = new LinkedBlockingQueue<>();
        while (true) {
            Optional<ObjectNode> current = cluster.get(type, namespace, name);
            if (done.test(current)) {
                return current;
            }
            try (Watch watch = cluster.watch(type, ListOptions.inNamespace(namespace),
                    current.map(o -> o.at("/metadata/resourceVersion").asText("")).orElse(""), listener(events))) {
                Optional<Optional<ObjectNode>> reached = next(events, done, deadline, what);
                if (reached.isPresent()) {
                    return reached.get();
                }
            } catch (ClusterException e) {
                if (e.code() != 410) {
                    throw e;
                }
            }
        }
    }

    /** The version {@code done} accepts, or empty when the watch ended and must be opened again. */
    private Optional<Optional<ObjectNode>> next(BlockingQueue<Optional<WatchEvent>> events,
            Predicate<Optional<ObjectNode>> done, long deadline, String what) {
        while (true) {
            Optional<WatchEvent> event;
            try {
                event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitOpsException("interrupted while waiting for " + what);
            }
            if (event == null) {
                throw new GitOpsException("timed out waiting for " + what);
            }
            if (event.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode object = event.get().object();
            if (!KubernetesObjects.name(object).equals(name)) {
                continue;
            }
            Optional<ObjectNode> version = event.get().type() == WatchEvent.Type.DELETED ? Optional.empty()
                    : Optional.of(object);
            if (done.test(version)) {
                return Optional.of(version);
            }
        }
    }

    private static WatchListener listener(BlockingQueue<Optional<WatchEvent>> events) {
        return new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                events.add(Optional.of(event));
            }

            @Override
            public void onClose(ClusterException reason) {
                events.add(Optional.empty());
            }
        };
    }
}
