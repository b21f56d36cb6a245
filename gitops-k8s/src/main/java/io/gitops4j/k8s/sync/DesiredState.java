package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects an application wants in the cluster, ready to compare and apply: namespaced objects
 * without a namespace get the target's destination namespace, cluster-scoped ones lose any
 * namespace, and every object carries the target's tracking mark. When Git holds the same resource
 * twice, the last one wins and a warning says so, as in Argo CD. Hooks with {@code generateName}
 * and no name are kept as they are: the sync names (and marks) them when it runs them.
 *
 * @param target the application the objects are for; the comparison and the sync use it too
 * @param objects the prepared objects, in Git order
 * @param warnings problems worth showing that do not stop a sync
 */
public record DesiredState(SyncTarget target, List<ObjectNode> objects, List<String> warnings) {

    /**
     * Checks that a target is given, and copies the lists.
     *
     * @param target the application the objects are for; the comparison and the sync use it too
     * @param objects the prepared objects, in Git order
     * @param warnings problems worth showing that do not stop a sync
     * @throws NullPointerException when {@code target} is {@code null}
     */
    public DesiredState {
        Objects.requireNonNull(target, "target");
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }

    /**
     * Prepares rendered objects for an application.
     *
     *
     * @param rendered the objects rendered from Git (not modified)
     * @param target the application: its name and tracking mark the objects, its destination
     *     namespace is given to namespaced objects that name none
     * @param cluster the cluster, asked whether a type is namespaced
     * @return the objects, marked as the application's and namespaced, with warnings
     * @throws GitOpsException when an object that is not a hook has no name
     */
    public static DesiredState prepare(List<ObjectNode> rendered, SyncTarget target, Cluster cluster) {
        String destinationNamespace = target.namespace();
        Map<Object, ObjectNode> byKey = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (ObjectNode object : rendered) {
            String namespace = isNamespaced(object, rendered, cluster)
                    ? (KubernetesObjects.namespace(object).isEmpty() ? destinationNamespace : KubernetesObjects.namespace(object))
                    : "";
            ObjectNode placed = KubernetesObjects.withNamespace(object, namespace);
            if (KubernetesObjects.name(placed).isEmpty()) {
                requireHook(placed);
                byKey.put(new Object(), placed);
                continue;
            }
            ObjectNode prepared = target.tracking().mark(placed, target.appName());
            ResourceKey key = ResourceKey.of(prepared);
            if (byKey.remove(key) != null) {
                warnings.add("resource " + key + " appears more than once in Git; the last one is used");
            }
            byKey.put(key, prepared);
        }
        return new DesiredState(target, new ArrayList<>(byKey.values()), warnings);
    }

    private static void requireHook(ObjectNode object) {
        String generateName = object.path("metadata").path("generateName").asText("");
        if (generateName.isEmpty() || !Hooks.isHook(object)) {
            throw new GitOpsException("resource " + ResourceKey.of(object) + (generateName.isEmpty() ? "" : "(generateName "
                    + generateName + ")") + " has no metadata.name; every resource needs a name, only hooks may use "
                    + "generateName");
        }
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
