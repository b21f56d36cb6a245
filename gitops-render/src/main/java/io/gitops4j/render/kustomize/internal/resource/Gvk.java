package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GroupVersion;

/**
 * A group, version and kind as a selector: an empty part matches anything.
 *
 * @param group the API group; empty matches any group (the core group included)
 * @param version the version; empty matches any
 * @param kind the kind; empty matches any
 */
public record Gvk(String group, String version, String kind) {

    public static final Gvk ANY = new Gvk("", "", "");

    /** The group, version and kind of an object. */
    public static Gvk of(JsonNode object) {
        GroupVersion gv = GroupVersion.parse(object.path("apiVersion").asText(""));
        return new Gvk(gv.group(), gv.version(), object.path("kind").asText(""));
    }

    /** Reads {@code group}, {@code version} and {@code kind} fields of a selector-like mapping. */
    public static Gvk read(JsonNode node) {
        return new Gvk(node.path("group").asText(""), node.path("version").asText(""), node.path("kind").asText(""));
    }

    /** Whether this selector selects the type of {@code object}; cheap when the kinds differ. */
    public boolean selectsTypeOf(JsonNode object) {
        if (!kind.isEmpty() && !kind.equals(object.path("kind").asText(""))) {
            return false;
        }
        return group.isEmpty() && version.isEmpty() || selects(of(object));
    }

    /** Whether this selector selects the object type {@code actual}. */
    public boolean selects(Gvk actual) {
        return (group.isEmpty() || group.equals(actual.group))
                && (version.isEmpty() || version.equals(actual.version))
                && (kind.isEmpty() || kind.equals(actual.kind));
    }

    /** Kustomize's sortable form: {@code group_version_kind}, with {@code ~G}, {@code ~V}, {@code ~K} for empty parts. */
    public String sortKey() {
        return (group.isEmpty() ? "~G" : group) + "_" + (version.isEmpty() ? "~V" : version) + "_"
                + (kind.isEmpty() ? "~K" : kind);
    }
}
