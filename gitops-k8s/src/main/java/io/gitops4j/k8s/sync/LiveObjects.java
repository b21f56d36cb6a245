package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.tracking.ResourceTracking;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Where a comparison reads the live state from: the live counterpart of each desired object, and
 * the live objects tracked as an application's (the ones a sync may prune).
 * {@link #of(Cluster)} reads the cluster on every call (a GET per desired object, a LIST of
 * every served type); a long-running controller passes a cache kept up to date by watches
 * instead, as Argo CD's controller compares against its cluster cache.
 *
 * <p>Implementations return objects the caller may keep but must not change, and are
 * thread-safe.
 */
public interface LiveObjects {

    /**
     * The group/kinds never searched for tracked objects: the kinds Argo CD leaves out of its
     * cluster cache by default (Endpoints, EndpointSlice, Lease, Event,
     * CertificateSigningRequest), and the virtual ComponentStatus and Binding. As
     * {@code group/Kind}, the core group empty: {@code /Endpoints}.
     */
    Set<String> EXCLUDED_GROUP_KINDS = Set.of(
            "/Endpoints", "discovery.k8s.io/EndpointSlice", "coordination.k8s.io/Lease", "/Event",
            "events.k8s.io/Event", "certificates.k8s.io/CertificateSigningRequest", "/ComponentStatus", "/Binding");

    /**
     * The live object the desired one describes, read in the desired object's {@code apiVersion}.
     *
     *
     * @param type the resource type of the desired object (its group, version and kind)
     * @param namespace its namespace, empty for a cluster-scoped type
     * @param name its name
     * @return the object, or empty when it does not exist
     */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /**
     * Every live object tracked as {@code appName}'s by {@code tracking}, of any type but the
     * {@linkplain #EXCLUDED_GROUP_KINDS excluded} ones; one object per resource key.
     *
     * @param appName the application's name
     * @param tracking how objects are marked as the application's
     * @return the tracked objects
     */
    Collection<ObjectNode> trackedBy(String appName, ResourceTracking tracking);

    /**
     * Whether a type's objects are never searched for tracked objects.
     *
     * @param type a resource type
     * @return whether it is one of {@link #EXCLUDED_GROUP_KINDS}
     */
    static boolean isExcluded(ResourceType type) {
        return EXCLUDED_GROUP_KINDS.contains(type.group() + "/" + type.kind());
    }

    /**
     * The live state as the cluster serves it now, read on every call.
     *
     * @param cluster the cluster to read
     * @return the live objects, read through {@code cluster}
     */
    static LiveObjects of(Cluster cluster) {
        return new ClusterLiveObjects(cluster);
    }
}
