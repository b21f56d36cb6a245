package io.gitops4j.k8s.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * How an application marks the objects it applies, and recognises them later as its own: the
 * set it may prune. Argo CD's tracking methods ({@code application.resourceTrackingMethod}):
 * {@link #annotation()} (the default), {@link #label()} and {@link #annotationAndLabel()}; and
 * kubectl's ApplySets ({@link #applySet(String)}).
 *
 * <p>Implementations are immutable and thread-safe; {@link #mark} returns a copy.
 */
public interface ResourceTracking {

    /**
     * A copy of {@code desired} marked as {@code appName}'s.
     *
     * @param desired the object rendered from Git; not changed
     * @param appName the application's name
     * @return the marked copy
     */
    ObjectNode mark(ObjectNode desired, String appName);

    /**
     * The application a live object belongs to, if any: its name, or with ApplySet tracking the
     * set's id ({@code applyset-...}), since kubectl's labels carry no name.
     *
     * @param live a live object
     * @return the application's name or set id, or empty when the object is no application's
     */
    Optional<String> owningApp(JsonNode live);

    /**
     * Whether a live object belongs to {@code appName}.
     *
     * @param live a live object
     * @param appName the application's name
     * @return whether it belongs to it
     */
    default boolean isTrackedBy(JsonNode live, String appName) {
        return owningApp(live).filter(appName::equals).isPresent();
    }

    /**
     * The object that records the set, which a sync writes before its members (kubectl's
     * ApplySet parent); empty for methods that need none.
     *
     *
     * @param appName the application
     * @param members the objects Git holds for it
     * @param live the record as the cluster has it now, when it exists
     * @return the record to write, or empty
     */
    default Optional<ObjectNode> inventory(String appName, List<ObjectNode> members, Optional<ObjectNode> live) {
        return Optional.empty();
    }

    /**
     * Tracking by the {@link TrackingId#ANNOTATION} annotation, which names the application and
     * the object itself: an annotation copied onto another object does not make it the
     * application's. Argo CD's default.
     *
     * @return the tracking
     */
    static ResourceTracking annotation() {
        return AnnotationTracking.INSTANCE;
    }

    /**
     * Tracking by a tracking-id annotation of your choosing, for instance
     * {@link TrackingId#ARGO_CD_ANNOTATION} to take over what Argo CD deployed.
     *
     * @param annotationKey the annotation that carries the tracking id
     * @return the tracking
     * @throws IllegalArgumentException when the key is blank
     */
    static ResourceTracking annotation(String annotationKey) {
        return new AnnotationTracking(annotationKey);
    }

    /**
     * Tracking by the {@link LabelTracking#DEFAULT_LABEL} label holding the application name,
     * Argo CD's older method. A label copied onto another object makes that object the
     * application's; application names must be valid label values (63 characters at most).
     *
     * @return the tracking
     */
    static ResourceTracking label() {
        return new LabelTracking(LabelTracking.DEFAULT_LABEL);
    }

    /**
     * Tracking by a label of your choosing (Argo CD's {@code application.instanceLabelKey}).
     *
     * @param labelKey the label key
     * @return the tracking
     */
    static ResourceTracking label(String labelKey) {
        return new LabelTracking(labelKey);
    }

    /**
     * Both marks written; the annotation decides ownership, the label is there for selectors
     * and tools that read it.
     *
     * @return the tracking
     */
    static ResourceTracking annotationAndLabel() {
        return new AnnotationAndLabelTracking(AnnotationTracking.INSTANCE, new LabelTracking(LabelTracking.DEFAULT_LABEL));
    }

    /**
     * Both marks, the label of your choosing (Argo CD's {@code application.instanceLabelKey}).
     *
     * @param labelKey the label that carries the application's name
     * @return the tracking
     */
    static ResourceTracking annotationAndLabel(String labelKey) {
        return new AnnotationAndLabelTracking(AnnotationTracking.INSTANCE, new LabelTracking(labelKey));
    }

    /**
     * Both marks, with the annotation and the label of your choosing.
     *
     * @param annotationKey the annotation that carries the tracking id
     * @param labelKey the label that carries the application's name
     * @return the tracking
     * @throws IllegalArgumentException when the annotation key is blank
     */
    static ResourceTracking annotationAndLabel(String annotationKey, String labelKey) {
        return new AnnotationAndLabelTracking(new AnnotationTracking(annotationKey), new LabelTracking(labelKey));
    }

    /**
     * kubectl's ApplySet labels: members carry {@code applyset.kubernetes.io/part-of}, and a parent
     * Secret per application (named after it, in {@code parentNamespace}) describes the set, so
     * {@code kubectl} users see the same set.
     *
     * @param parentNamespace the namespace of the parent Secrets
     * @return the tracking
     */
    static ResourceTracking applySet(String parentNamespace) {
        return new ApplySetTracking(parentNamespace);
    }

    /**
     * The tracking of an Argo CD {@code application.resourceTrackingMethod} value:
     * {@code annotation}, {@code label} or {@code annotation+label}.
     *
     *
     * @param method the value
     * @return the tracking
     * @throws IllegalArgumentException naming the accepted values
     */
    static ResourceTracking ofMethod(String method) {
        return switch (method) {
            case "annotation", "" -> annotation();
            case "label" -> label();
            case "annotation+label" -> annotationAndLabel();
            default -> throw new IllegalArgumentException("tracking method '" + method
                    + "' is not one of annotation, label, annotation+label");
        };
    }
}
