package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The identity of a Kubernetes object, independent of API version: the same Deployment read as
 * {@code apps/v1} or {@code extensions/v1beta1} has one key. Cluster-scoped objects have an
 * empty namespace. Printed as {@code group/kind/namespace/name} (Argo CD's resource key form).
 *
 * @param group the API group, empty for the core group
 * @param kind the kind, for example {@code Deployment}
 * @param namespace the namespace, empty for cluster-scoped objects (and for namespaced objects
 *     that were not given one yet)
 * @param name the object name
 */
public record ResourceKey(String group, String kind, String namespace, String name)
        implements Comparable<ResourceKey> {

    /**
     * Checks that every part is given.
     *
     * @param group the API group, empty for the core group
     * @param kind the kind, for example {@code Deployment}
     * @param namespace the namespace, empty for cluster-scoped objects (and for namespaced objects that were
     *     not given one yet)
     * @param name the object name
     * @throws IllegalArgumentException when a part is {@code null}
     */
    public ResourceKey {
        if (group == null || kind == null || namespace == null || name == null) {
            throw new IllegalArgumentException("resource key parts must not be null (use \"\")");
        }
    }

    /**
     * The key of an object: group from {@code apiVersion}, kind, metadata namespace and name.
     *
     * @param object a Kubernetes object
     * @return the key
     */
    public static ResourceKey of(JsonNode object) {
        return new ResourceKey(
                GroupVersion.parse(object.path("apiVersion").asText("")).group(),
                object.path("kind").asText(""),
                object.path("metadata").path("namespace").asText(""),
                object.path("metadata").path("name").asText(""));
    }

    /**
     * The same key in another namespace.
     *
     * @param newNamespace the namespace, empty for a cluster-scoped object
     * @return the new key
     */
    public ResourceKey withNamespace(String newNamespace) {
        return new ResourceKey(group, kind, newNamespace, name);
    }

    @Override
    public int compareTo(ResourceKey other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return group + "/" + kind + "/" + namespace + "/" + name;
    }
}
