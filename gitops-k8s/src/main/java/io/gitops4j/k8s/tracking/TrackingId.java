package io.gitops4j.k8s.tracking;

import io.gitops4j.kube.ResourceKey;
import java.util.Optional;

/**
 * The value GitOps4J writes into the {@link #ANNOTATION tracking annotation} of every object it
 * applies: {@code <app>:<group>/<kind>:<namespace>/<name>}, Argo CD's tracking-id format (the
 * group and namespace are empty for core and cluster-scoped objects:
 * {@code guestbook:/Namespace:/demo}).
 *
 * @param appName the application that manages the object
 * @param resource the identity of the object the id was written for
 */
public record TrackingId(String appName, ResourceKey resource) {

    /**
     * The annotation key GitOps4J writes by default: its own, so that GitOps4J and an Argo CD
     * running next to it never claim each other's objects.
     */
    public static final String ANNOTATION = "gitops4j.io/tracking-id";

    /**
     * Argo CD's annotation key. Tracking with it ({@link ResourceTracking#annotation(String)})
     * takes over the objects an Argo CD installation deployed, with no re-sync, when GitOps4J
     * replaces its application controller; never use it while Argo CD still runs.
     */
    public static final String ARGO_CD_ANNOTATION = "argocd.argoproj.io/tracking-id";

    /**
     * Checks that the application is named and the resource given.
     *
     * @param appName the application that manages the object
     * @param resource the identity of the object the id was written for
     * @throws IllegalArgumentException when {@code appName} is missing or empty, or {@code resource} is
     *     {@code null}
     */
    public TrackingId {
        if (appName == null || appName.isEmpty() || resource == null) {
            throw new IllegalArgumentException("a tracking id needs an application name and a resource");
        }
    }

    /**
     * Reads a tracking id.
     *
     *
     * @param value the annotation value, {@code <app>:<group>/<kind>:<namespace>/<name>}
     * @return the id, or empty when the value is not in the tracking-id format
     */
    public static Optional<TrackingId> parse(String value) {
        int lastColon = value.lastIndexOf(':');
        int middleColon = lastColon < 0 ? -1 : value.lastIndexOf(':', lastColon - 1);
        if (middleColon <= 0) {
            return Optional.empty();
        }
        String groupKind = value.substring(middleColon + 1, lastColon);
        String namespaceName = value.substring(lastColon + 1);
        int kindSlash = groupKind.indexOf('/');
        int nameSlash = namespaceName.indexOf('/');
        if (kindSlash < 0 || nameSlash < 0) {
            return Optional.empty();
        }
        return Optional.of(new TrackingId(value.substring(0, middleColon), new ResourceKey(
                groupKind.substring(0, kindSlash), groupKind.substring(kindSlash + 1),
                namespaceName.substring(0, nameSlash), namespaceName.substring(nameSlash + 1))));
    }

    /** The annotation value. */
    @Override
    public String toString() {
        return appName + ":" + resource.group() + "/" + resource.kind() + ":"
                + resource.namespace() + "/" + resource.name();
    }
}
