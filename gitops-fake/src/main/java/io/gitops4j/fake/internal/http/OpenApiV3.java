package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.internal.FakeApi;
import io.gitops4j.fake.internal.ServedType;
import io.gitops4j.kube.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal OpenAPI v3 description of the served types: per group version, the PATCH operation
 * of every object path with its query parameters and {@code x-kubernetes-group-version-kind}.
 * That is what {@code kubectl} reads to learn that the server validates fields itself (so it
 * skips client-side schema validation); the fake has no schemas, so kubectl computes strategic
 * merge patches from its compiled-in types, as it does for servers without OpenAPI schemas.
 */
final class OpenApiV3 {

    private static final List<String> PATCH_PARAMETERS = List.of("dryRun", "fieldManager", "fieldValidation", "force",
            "pretty");

    private final FakeApi api;

    OpenApiV3(FakeApi api) {
        this.api = api;
    }

    /** {@code /openapi/v3}: where the document of each group version is. */
    ObjectNode root() {
        ObjectNode root = Json.object();
        ObjectNode paths = root.putObject("paths");
        String hash = Integer.toHexString(api.servedTypes().hashCode());
        for (String groupVersion : groupVersionPaths()) {
            paths.putObject(groupVersion).put("serverRelativeURL", "/openapi/v3/" + groupVersion + "?hash=" + hash);
        }
        return root;
    }

    /** {@code /openapi/v3/api/v1} or {@code /openapi/v3/apis/GROUP/VERSION}, when served. */
    Optional<ObjectNode> groupVersion(String path) {
        ObjectNode document = Json.object().put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes (GitOps4J fake cluster)").put("version", "v1.35.0");
        ObjectNode paths = document.putObject("paths");
        for (ServedType served : api.servedTypes()) {
            ResourceType type = served.type();
            if (!groupVersionPath(type).equals(path)) {
                continue;
            }
            String prefix = "/" + path + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            paths.putObject(prefix + "/{name}").set("patch", patchOperation(type));
        }
        document.putObject("components").putObject("schemas");
        return paths.isEmpty() ? Optional.empty() : Optional.of(document);
    }

    private Set<String> groupVersionPaths() {
        Set<String> paths = new LinkedHashSet<>();
        api.servedTypes().forEach(served -> paths.add(groupVersionPath(served.type())));
        return paths;
    }

    private static String groupVersionPath(ResourceType type) {
        return type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
    }

    private static ObjectNode patchOperation(ResourceType type) {
        ObjectNode operation = Json.object().put("operationId", "patch" + type.kind());
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : PATCH_PARAMETERS) {
            parameters.addObject().put("name", name).put("in", "query").putObject("schema").put("type", "string");
        }
        ObjectNode content = operation.putObject("requestBody").putObject("content");
        for (String mediaType : List.of("application/json-patch+json", "application/merge-patch+json",
                "application/apply-patch+yaml")) {
            content.putObject(mediaType).putObject("schema").put("type", "object");
        }
        operation.putObject("responses").putObject("200").put("description", "OK");
        operation.put("x-kubernetes-action", "patch");
        operation.putObject("x-kubernetes-group-version-kind").put("group", type.group())
                .put("version", type.version()).put("kind", type.kind());
        return operation;
    }
}
