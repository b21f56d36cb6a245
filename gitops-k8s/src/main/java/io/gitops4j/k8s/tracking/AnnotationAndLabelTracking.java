package io.gitops4j.k8s.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Argo CD's {@code annotation+label} method: both written, the annotation decides. */
final class AnnotationAndLabelTracking implements ResourceTracking {

    private final AnnotationTracking annotation;
    private final LabelTracking label;

    AnnotationAndLabelTracking(AnnotationTracking annotation, LabelTracking label) {
        this.annotation = annotation;
        this.label = label;
    }

    @Override
    public ObjectNode mark(ObjectNode desired, String appName) {
        return label.mark(annotation.mark(desired, appName), appName);
    }

    @Override
    public Optional<String> owningApp(JsonNode live) {
        return annotation.owningApp(live);
    }
}
