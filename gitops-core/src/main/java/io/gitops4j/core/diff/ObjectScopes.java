package io.gitops4j.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a kind is namespaced when there is no cluster to ask: a built-in kind as every API
 * server serves it, a custom kind as a CustomResourceDefinition among the objects declares it,
 * else as the live objects of the kind show (with or without a namespace); a kind nobody knows
 * is taken as namespaced, as Argo CD takes it.
 */
final class ObjectScopes {

    private final List<ObjectNode> known;
    private final List<ObjectNode> live;

    ObjectScopes(List<ObjectNode> desired, List<ObjectNode> live) {
        this.known = Stream.concat(desired.stream(), live.stream()).toList();
        this.live = List.copyOf(live);
    }

    boolean isNamespaced(JsonNode object) {
        String group = GroupVersion.parse(KubernetesObjects.apiVersion(object)).group();
        String kind = KubernetesObjects.kind(object);
        Optional<ResourceType> builtIn = BuiltInResourceTypes.all().stream().filter(t -> t.is(group, kind)).findFirst();
        if (builtIn.isPresent()) {
            return builtIn.get().namespaced();
        }
        for (JsonNode candidate : known) {
            JsonNode spec = candidate.path("spec");
            if (KubernetesObjects.kind(candidate).equals("CustomResourceDefinition")
                    && spec.path("group").asText().equals(group) && spec.path("names").path("kind").asText().equals(kind)) {
                return !spec.path("scope").asText().equals("Cluster");
            }
        }
        for (JsonNode other : live) {
            if (KubernetesObjects.kind(other).equals(kind)
                    && GroupVersion.parse(KubernetesObjects.apiVersion(other)).group().equals(group)) {
                return !KubernetesObjects.namespace(other).isEmpty();
            }
        }
        return true;
    }
}
