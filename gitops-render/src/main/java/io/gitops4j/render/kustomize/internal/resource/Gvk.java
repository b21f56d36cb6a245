package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GroupVersion;
import java.util.Comparator;
import java.util.List;

/**
 * A group, version and kind as a selector: an empty part matches anything.
 *
 * @param group the API group; empty matches any group (the core group included)
 * @param version the version; empty matches any
 * @param kind the kind; empty matches any
 */
public record Gvk(String group, String version, String kind) {

    public static final Gvk ANY = new Gvk("", "", "");

    /** The kinds Kustomize's legacy order puts first, in that order. */
    public static final List<String> LEGACY_FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
            "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
            "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");

    /** The kinds Kustomize's legacy order puts last, in that order. */
    public static final List<String> LEGACY_LAST = List.of("MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");

    /**
     * Kustomize's {@code Gvk.IsLessThan}: kinds of {@link #LEGACY_FIRST} first, those of
     * {@link #LEGACY_LAST} last, then by {@link #sortKey}.
     */
    public static final Comparator<Gvk> ORDER = Comparator.comparingInt(Gvk::rank).thenComparing(Gvk::sortKey);

    private static int rank(Gvk gvk) {
        int first = LEGACY_FIRST.indexOf(gvk.kind);
        if (first >= 0) {
            return first - LEGACY_FIRST.size();
        }
        int last = LEGACY_LAST.indexOf(gvk.kind);
        return last >= 0 ? last + 1 : 0;
    }

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
