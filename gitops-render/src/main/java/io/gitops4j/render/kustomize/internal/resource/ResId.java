package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GroupVersion;

/**
 * The identity Kustomize gives a resource: group, version, kind, name and namespace. Two ids are
 * equal for Kustomize when their namespaces are equal with {@code ""} and {@code default} the same.
 *
 * @param group the API group, empty for the core group
 * @param version the API version
 * @param kind the kind
 * @param name the name
 * @param namespace the namespace, empty when not set
 */
public record ResId(String group, String version, String kind, String name, String namespace) {

    /** The id of an object as it is now. */
    public static ResId of(JsonNode object) {
        GroupVersion gv = GroupVersion.parse(object.path("apiVersion").asText(""));
        return new ResId(gv.group(), gv.version(), object.path("kind").asText(""),
                object.path("metadata").path("name").asText(""),
                object.path("metadata").path("namespace").asText(""));
    }

    /** Kustomize's notion of the same object: same group, version, kind, name and effective namespace. */
    public boolean sameAs(ResId other) {
        return group.equals(other.group) && version.equals(other.version) && kind.equals(other.kind)
                && name.equals(other.name) && effectiveNamespace().equals(other.effectiveNamespace());
    }

    /** The namespace, {@code default} when empty (cluster-scoped kinds included, as in Kustomize). */
    public String effectiveNamespace() {
        return namespace.isEmpty() ? "default" : namespace;
    }

    /** {@code apiVersion} form of group and version. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The same id with another name. */
    public ResId withName(String newName) {
        return new ResId(group, version, kind, newName, namespace);
    }

    /** Kustomize's printed form, used in its error messages: {@code Kind.version.group/name.namespace}. */
    @Override
    public String toString() {
        return kind + "." + (version.isEmpty() ? "[noVer]" : version) + "." + (group.isEmpty() ? "[noGrp]" : group)
                + "/" + name + "." + (namespace.isEmpty() ? "[noNs]" : namespace);
    }
}
