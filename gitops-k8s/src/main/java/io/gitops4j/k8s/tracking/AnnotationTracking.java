package io.gitops4j.k8s.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.Optional;

/**
 * Tracks which application manages an object through a tracking-id annotation
 * ({@link TrackingId#ANNOTATION} unless told otherwise), as Argo CD's annotation tracking does.
 *
 * <p>An object belongs to an application only when its tracking id names that application
 * <em>and</em> the object itself: an annotation copied onto another object (by a controller that
 * copies metadata, or by hand) does not make that object the application's, so it is never
 * pruned by mistake.
 */
final class AnnotationTracking implements ResourceTracking {

    static final AnnotationTracking INSTANCE = new AnnotationTracking(TrackingId.ANNOTATION);

    private final String key;

    AnnotationTracking(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a tracking annotation needs a key");
        }
        this.key = key;
    }

    @Override
    public ObjectNode mark(ObjectNode desired, String appName) {
        return KubernetesObjects.withAnnotation(desired, key,
                new TrackingId(appName, ResourceKey.of(desired)).toString());
    }

    @Override
    public Optional<String> owningApp(JsonNode live) {
        return TrackingId.parse(KubernetesObjects.annotation(live, key))
                .filter(id -> id.resource().equals(ResourceKey.of(live)))
                .map(TrackingId::appName);
    }
}
