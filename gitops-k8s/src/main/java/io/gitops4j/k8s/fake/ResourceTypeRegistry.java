package io.gitops4j.k8s.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.k8s.BuiltInResourceTypes;
import io.gitops4j.k8s.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types a fake cluster serves: the built-in ones, plus those of every
 * CustomResourceDefinition stored in it, registered when the definition is created or updated
 * and removed when it is deleted. Not thread-safe: the cluster guards it.
 */
final class ResourceTypeRegistry {

    /** Registered types by the name of the CRD that defines them ("" for built-ins). */
    private final Map<String, List<ResourceType>> typesByDefinition = new LinkedHashMap<>();
    /** For each custom "group/kind": whether its definition declares a status subresource. */
    private final Map<String, Boolean> statusSubresourceOfCustomKinds = new LinkedHashMap<>();

    ResourceTypeRegistry() {
        typesByDefinition.put("", BuiltInResourceTypes.all());
    }

    List<ResourceType> all() {
        List<ResourceType> all = new ArrayList<>();
        typesByDefinition.values().forEach(all::addAll);
        return all;
    }

    Optional<ResourceType> find(String group, String version, String kind) {
        for (List<ResourceType> types : typesByDefinition.values()) {
            for (ResourceType type : types) {
                if (type.is(group, kind) && type.version().equals(version)) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the status of objects of this group and kind is a separate subresource: always for
     * built-in kinds, for custom kinds when their definition declares {@code subresources.status}.
     */
    boolean hasStatusSubresource(String group, String kind) {
        return statusSubresourceOfCustomKinds.getOrDefault(group + "/" + kind, true);
    }

    /** Registers (or re-registers) the served versions of a CustomResourceDefinition. */
    void register(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        String plural = spec.path("names").path("plural").asText();
        boolean namespaced = !spec.path("scope").asText("Namespaced").equals("Cluster");
        List<ResourceType> types = new ArrayList<>();
        boolean statusSubresource = false;
        for (JsonNode version : spec.path("versions")) {
            if (version.path("served").asBoolean(true)) {
                types.add(new ResourceType(group, version.path("name").asText(), kind, plural, namespaced));
                statusSubresource |= version.path("subresources").has("status");
            }
        }
        typesByDefinition.put(KubernetesObjects.name(crd), List.copyOf(types));
        statusSubresourceOfCustomKinds.put(group + "/" + kind, statusSubresource);
    }

    /** Removes the types of a deleted CustomResourceDefinition; returns them. */
    List<ResourceType> unregister(String crdName) {
        List<ResourceType> removed = typesByDefinition.remove(crdName);
        if (removed == null) {
            return List.of();
        }
        removed.forEach(t -> statusSubresourceOfCustomKinds.remove(t.group() + "/" + t.kind()));
        return removed;
    }
}
