package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gitops4j.k8s.ResourceType;
import io.gitops4j.k8s.WatchEvent;
import io.gitops4j.k8s.WatchListener;

/** Feeds fabric8 watch events to a {@link WatchListener}; bookmarks are skipped. */
final class WatcherAdapter implements Watcher<GenericKubernetesResource> {

    private final ResourceType type;
    private final WatchListener listener;
    private final KubernetesSerialization serialization;

    WatcherAdapter(ResourceType type, WatchListener listener, KubernetesSerialization serialization) {
        this.type = type;
        this.listener = listener;
        this.serialization = serialization;
    }

    @Override
    public void eventReceived(Action action, GenericKubernetesResource resource) {
        WatchEvent.Type eventType = switch (action) {
            case ADDED -> WatchEvent.Type.ADDED;
            case MODIFIED -> WatchEvent.Type.MODIFIED;
            case DELETED -> WatchEvent.Type.DELETED;
            case ERROR, BOOKMARK -> null;
        };
        if (eventType != null) {
            ObjectNode object = serialization.convertValue(resource, ObjectNode.class);
            object.put("apiVersion", type.apiVersion()).put("kind", type.kind());
            listener.onEvent(new WatchEvent(eventType, object));
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        KubernetesClientException client = cause.asClientException();
        listener.onClose(Fabric8Errors.toClusterException("watch " + type, client));
    }
}
