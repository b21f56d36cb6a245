package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.GroupVersion;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.diff.ResourceKey;
import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.ResourceType;
import io.gitops4j.k8s.tracking.AnnotationTracking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects an application wants in the cluster, ready to compare and apply: namespaced objects
 * without a namespace get the destination namespace, cluster-scoped ones lose any namespace, and
 * every object carries the application's tracking id. When Git holds the same resource twice, the
 * last one wins and a warning says so, as in Argo CD.
 *
 * @param objects the prepared objects, in Git order
 * @param warnings problems worth showing that do not stop a sync
 */
public record DesiredState(List<ObjectNode> objects, List<String> warnings) {

    public DesiredState {
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }

    /**
     * Prepares rendered objects for an application.
     *
     * @param rendered the objects rendered from Git (not modified)
     * @param appName the application name, written into tracking ids
     * @param destinationNamespace the namespace for namespaced objects that name none
     * @param cluster the cluster, asked whether a type is namespaced
     */
    public static DesiredState prepare(List<ObjectNode> rendered, String appName, String destinationNamespace,
            Cluster cluster) {
        Map<ResourceKey, ObjectNode> byKey = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (ObjectNode object : rendered) {
            String namespace = isNamespaced(object, rendered, cluster)
                    ? (KubernetesObjects.namespace(object).isEmpty() ? destinationNamespace : KubernetesObjects.namespace(object))
                    : "";
            ObjectNode prepared = AnnotationTracking.mark(KubernetesObjects.withNamespace(object, namespace), appName);
            ResourceKey key = ResourceKey.of(prepared);
            if (byKey.remove(key) != null) {
                warnings.add("resource " + key + " appears more than once in Git; the last one is used");
            }
            byKey.put(key, prepared);
        }
        return new DesiredState(new ArrayList<>(byKey.values()), warnings);
    }

    /**
     * Whether an object's type is namespaced: as the cluster serves it, or as a
     * CustomResourceDefinition among the rendered objects declares it; types nobody knows yet
     * are taken as namespaced, like most custom resources.
     */
    private static boolean isNamespaced(ObjectNode object, List<ObjectNode> rendered, Cluster cluster) {
        Optional<ResourceType> served = cluster.resourceTypeOf(object);
        if (served.isPresent()) {
            return served.get().namespaced();
        }
        String group = GroupVersion.parse(KubernetesObjects.apiVersion(object)).group();
        String kind = KubernetesObjects.kind(object);
        for (JsonNode candidate : rendered) {
            JsonNode spec = candidate.path("spec");
            if (KubernetesObjects.kind(candidate).equals("CustomResourceDefinition")
                    && spec.path("group").asText().equals(group)
                    && spec.path("names").path("kind").asText().equals(kind)) {
                return !spec.path("scope").asText().equals("Cluster");
            }
        }
        return true;
    }
}
