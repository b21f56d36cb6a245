package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.internal.FakeApi;
import io.gitops4j.fake.internal.ServedType;
import io.gitops4j.kube.Json;
import java.util.List;
import java.util.Optional;

/**
 * The discovery documents of the fake API server ({@code /api}, {@code /apis}, resource lists
 * per group version, {@code /version}), from the types it serves at the moment of the request,
 * so a CRD's kind appears as soon as it is created. The {@code status} and {@code scale}
 * subresources are listed, the ones the fake serves.
 */
final class Discovery {

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private final FakeApi api;

    Discovery(FakeApi api) {
        this.api = api;
    }

    /** {@code /api}: the core group's versions. */
    ObjectNode coreVersions(String serverAddress) {
        ObjectNode versions = Json.object().put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return versions;
    }

    /** {@code /apis}: every group besides the core one. */
    ObjectNode groups() {
        ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String group : api.groups()) {
            groups.add(group(group));
        }
        return list;
    }

    /** {@code /apis/GROUP}: one group, if served. */
    Optional<ObjectNode> group(String name, boolean standalone) {
        if (api.versionsOf(name).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode group = group(name);
        if (standalone) {
            group.put("kind", "APIGroup").put("apiVersion", "v1");
        }
        return Optional.of(group);
    }

    /** {@code /api/v1} or {@code /apis/GROUP/VERSION}: the resources served there, if any. */
    Optional<ObjectNode> resources(String group, String version) {
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (ServedType served : api.servedTypes()) {
            ResourceType type = served.type();
            if (type.group().equals(group) && type.version().equals(version)) {
                resources.add(resource(served));
                if (served.hasStatusSubresource()) {
                    ObjectNode status = resources.addObject().put("name", type.plural() + "/status")
                            .put("singularName", "").put("namespaced", type.namespaced()).put("kind", type.kind());
                    SUBRESOURCE_VERBS.forEach(status.putArray("verbs")::add);
                }
                if (served.subresources().contains("scale")) {
                    ObjectNode scale = resources.addObject().put("name", type.plural() + "/scale")
                            .put("singularName", "").put("namespaced", type.namespaced()).put("group", "autoscaling")
                            .put("version", "v1").put("kind", "Scale");
                    SUBRESOURCE_VERBS.forEach(scale.putArray("verbs")::add);
                }
            }
        }
        return resources.isEmpty() ? Optional.empty() : Optional.of(list);
    }

    /** {@code /version}. */
    static ObjectNode version() {
        return Json.object().put("major", "1").put("minor", "35").put("emulationMajor", "1").put("emulationMinor", "35")
                .put("gitVersion", "v1.35.0").put("gitCommit", "gitops4j-fake-cluster").put("gitTreeState", "clean")
                .put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "go1.25.0").put("compiler", "gc")
                .put("platform", "linux/amd64");
    }

    private ObjectNode group(String name) {
        ObjectNode group = Json.object().put("name", name);
        ArrayNode versions = group.putArray("versions");
        List<String> served = api.versionsOf(name);
        for (String version : served) {
            versions.addObject().put("groupVersion", name + "/" + version).put("version", version);
        }
        group.putObject("preferredVersion").put("groupVersion", name + "/" + served.get(0)).put("version", served.get(0));
        return group;
    }

    private static ObjectNode resource(ServedType served) {
        ResourceType type = served.type();
        ObjectNode resource = Json.object().put("name", type.plural()).put("singularName", served.singular())
                .put("namespaced", type.namespaced()).put("kind", type.kind());
        VERBS.forEach(resource.putArray("verbs")::add);
        if (!served.shortNames().isEmpty()) {
            served.shortNames().forEach(resource.putArray("shortNames")::add);
        }
        if (!served.categories().isEmpty()) {
            served.categories().forEach(resource.putArray("categories")::add);
        }
        return resource;
    }
}
