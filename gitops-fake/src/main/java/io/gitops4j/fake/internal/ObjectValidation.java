package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The metadata checks of a Kubernetes API server on every write: name formats, label keys and
 * values, owner references, and no new finalizers on an object being deleted. Failures are 422
 * answers listing every problem found.
 */
final class ObjectValidation {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    /** Kinds whose names are single DNS labels. */
    private static final Set<String> DNS_LABEL_NAMED = Set.of("/Namespace", "/Service");
    /** Kinds whose names only need to be valid path segments, such as {@code system:controller:x}. */
    private static final Set<String> PATH_SEGMENT_NAMED = Set.of("rbac.authorization.k8s.io/Role",
            "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/RoleBinding",
            "rbac.authorization.k8s.io/ClusterRoleBinding");

    private ObjectValidation() {
    }

    /**
     * Checks an object about to be stored.
     *
     * @param previous the stored object it replaces, or {@code null} on create
     */
    static void check(ResourceType type, ObjectNode object, ObjectNode previous) {
        List<String> problems = new ArrayList<>();
        String name = KubernetesObjects.name(object);
        // What an update leaves as it was passed these checks when it was stored: only changes are checked.
        JsonNode metadata = object.path("metadata");
        JsonNode before = previous == null ? null : previous.path("metadata");
        if (previous == null) {
            checkName(type, name, problems);
        }
        if (before == null || !metadata.path("labels").equals(before.path("labels"))) {
            checkLabels(KubernetesObjects.labels(object), problems);
        }
        if (before == null || !metadata.path("annotations").equals(before.path("annotations"))) {
            checkAnnotations(KubernetesObjects.annotations(object), problems);
        }
        if (before == null || !metadata.path("ownerReferences").equals(before.path("ownerReferences"))) {
            checkOwnerReferences(metadata.path("ownerReferences"), problems);
        }
        if (previous != null && previous.path("metadata").has("deletionTimestamp")) {
            List<String> added = new ArrayList<>(finalizers(object));
            added.removeAll(finalizers(previous));
            if (!added.isEmpty()) {
                problems.add("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being "
                        + "deleted, found new finalizers " + added);
            }
        }
        if (type.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
            JsonNode spec = object.path("spec");
            String expected = spec.path("names").path("plural").asText() + "." + spec.path("group").asText();
            if (!name.equals(expected)) {
                problems.add("metadata.name: Invalid value: \"" + name + "\": must be spec.names.plural+\".\"+spec.group");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiErrors.invalid(type, name, problems);
        }
    }

    /** The finalizers of an object, in order. */
    static List<String> finalizers(JsonNode object) {
        List<String> finalizers = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        return finalizers;
    }

    private static void checkName(ResourceType type, String name, List<String> problems) {
        String groupKind = type.groupKind();
        if (PATH_SEGMENT_NAMED.contains(groupKind)) {
            if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
                problems.add("metadata.name: Invalid value: \"" + name + "\": may not be '.' or '..' and may not "
                        + "contain '/' or '%'");
            }
        } else if (DNS_LABEL_NAMED.contains(groupKind)) {
            if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
                problems.add("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 label must consist "
                        + "of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
                        + "character (e.g. 'my-name', or '123-abc')");
            }
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain must consist "
                    + "of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                    + "character (e.g. 'example.com')");
        }
    }

    private static void checkLabels(Map<String, String> labels, List<String> problems) {
        labels.forEach((key, value) -> {
            checkQualifiedName("metadata.labels", key, problems);
            if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
                problems.add("metadata.labels: Invalid value: \"" + value + "\": a valid label must be an empty string "
                        + "or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                        + "alphanumeric character, at most 63 characters");
            }
        });
    }

    private static void checkAnnotations(Map<String, String> annotations, List<String> problems) {
        annotations.keySet().forEach(key -> checkQualifiedName("metadata.annotations", key, problems));
    }

    private static void checkQualifiedName(String field, String key, List<String> problems) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean valid = name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches()
                && (slash < 0 || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
        if (!valid) {
            problems.add(field + ": Invalid value: \"" + key + "\": name part must consist of alphanumeric characters, "
                    + "'-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS "
                    + "subdomain prefix and '/'");
        }
    }

    private static void checkOwnerReferences(JsonNode references, List<String> problems) {
        for (JsonNode reference : references) {
            for (String field : List.of("apiVersion", "kind", "name", "uid")) {
                if (reference.path(field).asText("").isEmpty()) {
                    problems.add("metadata.ownerReferences." + field + ": Invalid value: \"\": " + field
                            + " must not be empty");
                }
            }
        }
        long controllers = 0;
        for (JsonNode reference : references) {
            controllers += reference.path("controller").asBoolean(false) ? 1 : 0;
        }
        if (controllers > 1) {
            problems.add("metadata.ownerReferences: Invalid value: only one reference can have Controller set to true");
        }
    }
}
