package io.gitops4j.k8s.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.k8s.internal.AnnotationValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * kubectl's ApplySet tracking (KEP-3659): each member carries the label
 * {@code applyset.kubernetes.io/part-of} with the set's id, and a parent Secret named after the
 * application, in a namespace of your choosing, carries the id
 * ({@code applyset.kubernetes.io/id}), the group-kinds and the other namespaces of its members, so
 * {@code kubectl get -l applyset.kubernetes.io/part-of=<id>} shows the application's objects. The
 * id is kubectl's: {@code applyset-<base64url(sha256(<name>.<namespace>.Secret.))>-v1}.
 *
 * <p>Like label tracking, a copied label makes an object a member. The parent is written with
 * the union of the group-kinds and namespaces it listed and those of Git, never narrowed, so
 * kubectl's own pruning always sees every member.
 */
final class ApplySetTracking implements ResourceTracking {

    static final String PART_OF = "applyset.kubernetes.io/part-of";
    static final String ID = "applyset.kubernetes.io/id";
    static final String TOOLING = "applyset.kubernetes.io/tooling";
    static final String CONTAINS_GROUP_KINDS = "applyset.kubernetes.io/contains-group-kinds";
    static final String ADDITIONAL_NAMESPACES = "applyset.kubernetes.io/additional-namespaces";
    static final String TOOLING_VALUE = "gitops4j/v1";

    private final String parentNamespace;

    ApplySetTracking(String parentNamespace) {
        if (parentNamespace == null || parentNamespace.isBlank()) {
            throw new IllegalArgumentException("ApplySet tracking needs the namespace of its parent Secrets");
        }
        this.parentNamespace = parentNamespace;
    }

    /** kubectl's ApplySet id of a parent object. */
    static String id(String name, String namespace, String kind, String group) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(".", name, namespace, kind, group).getBytes(StandardCharsets.UTF_8));
            return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private String idOf(String appName) {
        return id(appName, parentNamespace, "Secret", "");
    }

    @Override
    public ObjectNode mark(ObjectNode desired, String appName) {
        ObjectNode copy = desired.deepCopy();
        KubernetesObjects.metadata(copy).with("labels").put(PART_OF, idOf(appName));
        return copy;
    }

    /** The id of the ApplySet a live object is part of (not an application name: the labels hold none). */
    @Override
    public Optional<String> owningApp(JsonNode live) {
        String value = live.path("metadata").path("labels").path(PART_OF).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public boolean isTrackedBy(JsonNode live, String appName) {
        return idOf(appName).equals(live.path("metadata").path("labels").path(PART_OF).asText(""));
    }

    @Override
    public Optional<ObjectNode> inventory(String appName, List<ObjectNode> members, Optional<ObjectNode> live) {
        Set<String> groupKinds = new TreeSet<>(csv(live, CONTAINS_GROUP_KINDS));
        Set<String> namespaces = new TreeSet<>(csv(live, ADDITIONAL_NAMESPACES));
        for (ObjectNode member : members) {
            String group = GroupVersion.parse(KubernetesObjects.apiVersion(member)).group();
            groupKinds.add(KubernetesObjects.kind(member) + (group.isEmpty() ? "" : "." + group));
            String namespace = KubernetesObjects.namespace(member);
            if (!namespace.isEmpty() && !namespace.equals(parentNamespace)) {
                namespaces.add(namespace);
            }
        }
        ObjectNode parent = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = parent.putObject("metadata").put("name", appName).put("namespace", parentNamespace);
        metadata.putObject("labels").put(ID, idOf(appName));
        ObjectNode annotations = metadata.putObject("annotations").put(TOOLING, TOOLING_VALUE)
                .put(CONTAINS_GROUP_KINDS, String.join(",", groupKinds));
        if (!namespaces.isEmpty()) {
            annotations.put(ADDITIONAL_NAMESPACES, String.join(",", namespaces));
        }
        return Optional.of(parent);
    }

    private static List<String> csv(Optional<ObjectNode> object, String annotation) {
        return object.map(o -> AnnotationValues.of(o, annotation)).orElse(List.of());
    }
}
