package io.gitops4j.k8s.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.Optional;

/**
 * Tracks which application manages an object through the {@link TrackingId#ANNOTATION} annotation,
 * as Argo CD's annotation tracking does.
 *
 * <p>An object belongs to an application only when its tracking id names that application
 * <em>and</em> the object itself: an annotation copied onto another object (by a controller that
 * copies metadata, or by hand) does not make that object the application's, so it is never
 * pruned by mistake.
 */
final class AnnotationTracking implements ResourceTracking {

    static final AnnotationTracking INSTANCE = new AnnotationTracking();

    private AnnotationTracking() {
    }

    @Override
    public ObjectNode mark(ObjectNode desired, String appName) {
        return KubernetesObjects.withAnnotation(desired, TrackingId.ANNOTATION,
                new TrackingId(appName, ResourceKey.of(desired)).toString());
    }

    @Override
    public Optional<String> owningApp(JsonNode live) {
        return TrackingId.parse(KubernetesObjects.annotation(live, TrackingId.ANNOTATION))
                .filter(id -> id.resource().equals(ResourceKey.of(live)))
                .map(TrackingId::appName);
    }
}
