package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the parts of the fake API server share: the stored objects, the served types, the
 * watches and the clock. Not thread-safe: the cluster's lock guards it.
 *
 * @param store the objects
 * @param types the served types
 * @param watches the watches and the change history
 * @param clock the time stamped into creationTimestamp, deletionTimestamp and conditions
 */
public record ClusterState(ObjectStore store, ResourceTypeRegistry types, WatchHub watches, Clock clock) {

    /** The last second formatted, whichever cluster asked: the text depends on the second alone. */
    private static volatile Timestamp lastTimestamp;

    /** An empty state, keeping {@code historySize} changes for watches to resume from. */
    public static ClusterState create(Clock clock, int historySize) {
        WatchHub watches = new WatchHub(historySize);
        return new ClusterState(new ObjectStore(watches), new ResourceTypeRegistry(), watches, clock);
    }

    /** The served type of an object, or 404 saying the cluster does not serve it. */
    public ResourceType requireTypeOf(JsonNode object) {
        GroupVersion groupVersion = GroupVersion.parse(KubernetesObjects.apiVersion(object));
        return types.find(groupVersion.group(), groupVersion.version(), KubernetesObjects.kind(object))
                .map(ServedType::type)
                .orElseThrow(() -> new ClusterException(404, "the cluster has no resource type "
                        + KubernetesObjects.apiVersion(object) + " " + KubernetesObjects.kind(object) + " (for "
                        + KubernetesObjects.name(object) + "); if it is a custom resource, install its "
                        + "CustomResourceDefinition first"));
    }

    /** The current time as Kubernetes writes timestamps: RFC 3339, whole seconds, UTC. */
    public String now() {
        long second = clock.instant().getEpochSecond();
        Timestamp last = lastTimestamp;
        if (last == null || last.second() != second) {
            last = new Timestamp(second, Instant.ofEpochSecond(second).toString());
            lastTimestamp = last;
        }
        return last.text();
    }

    /** A second and how the API server writes it (formatting one costs several microseconds). */
    private record Timestamp(long second, String text) {
    }

    /** A copy of a stored object as served in {@code type}'s version. */
    public static ObjectNode served(ObjectNode stored, ResourceType type) {
        ObjectNode copy = stored.deepCopy();
        copy.put("apiVersion", type.apiVersion());
        return copy;
    }

    /** The Namespace object of that name. */
    public Optional<ObjectNode> namespace(String name) {
        return store.get(NAMESPACES, "", name);
    }

    /** Whether an object is being deleted (has a deletionTimestamp). */
    public static boolean isDeleting(JsonNode object) {
        return object.path("metadata").has("deletionTimestamp");
    }

    /** The built-in Namespace type. */
    public static final ResourceType NAMESPACES = new ResourceType("", "v1", "Namespace", "namespaces", false);
    /** The built-in CustomResourceDefinition type. */
    public static final ResourceType CRDS = new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
            "customresourcedefinitions", false);
}
