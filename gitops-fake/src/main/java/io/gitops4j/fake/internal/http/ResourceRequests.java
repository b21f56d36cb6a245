package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.FieldSelector;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PatchType;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.fake.internal.ApiErrors;
import io.gitops4j.fake.internal.Deletions;
import io.gitops4j.fake.internal.FakeApi;
import io.gitops4j.fake.internal.protobuf.ProtobufCodec;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.LabelSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verbs on resource paths: get, list, watch, create, update, patch, delete and
 * deletecollection, on objects and on their status subresource, with the query parameters and
 * body checks of a Kubernetes API server.
 */
final class ResourceRequests {

    private final FakeApi api;
    private final WatchStreams watches;
    private final ProtobufCodec protobuf;

    ResourceRequests(FakeApi api, WatchStreams watches, ProtobufCodec protobuf) {
        this.api = api;
        this.watches = watches;
        this.protobuf = protobuf;
    }

    void handle(Exchange exchange, ResourcePath path, ResourceType type) throws IOException {
        if (!path.subresource().isEmpty() && !path.subresource().equals("status") && !path.subresource().equals("scale")) {
            throw new ClusterException(404, "NotFound", "the fake cluster does not serve the " + path.subresource()
                    + " subresource of " + type.plural(), Optional.empty());
        }
        if (!type.namespaced() && !path.namespace().isEmpty()) {
            throw new ClusterException(404, "NotFound", type.plural() + " are not namespaced: the server could not "
                    + "find the requested resource", Optional.empty());
        }
        if (exchange.acceptsOnlyProtobuf()) {
            answerInProtobuf(exchange, path, type);
        }
        if (path.subresource().equals("scale")) {
            scale(exchange, path, type);
            return;
        }
        boolean status = path.subresource().equals("status");
        switch (exchange.method()) {
            case "GET" -> get(exchange, path, type);
            case "POST" -> {
                requireCollection(path, type);
                exchange.respond(201, api.create(type, body(exchange, path, type), writeOptions(exchange)));
            }
            case "PUT" -> {
                requireObject(path, type);
                ObjectNode object = body(exchange, path, type);
                exchange.respond(200, status ? api.updateStatus(type, object, writeOptions(exchange))
                        : api.update(type, object, writeOptions(exchange)));
            }
            case "PATCH" -> {
                requireObject(path, type);
                exchange.respond(200, patch(exchange, path, type, status));
            }
            case "DELETE" -> {
                if (path.isObject()) {
                    exchange.respond(200, delete(exchange, path, type));
                } else {
                    exchange.respond(200, deleteCollection(exchange, path, type));
                }
            }
            default -> throw ApiErrors.methodNotAllowed("the server does not allow the method " + exchange.method()
                    + " on " + exchange.path());
        }
    }

    /**
     * Protobuf answers for a client that accepts nothing else, as a real API server gives them: for
     * built-in kinds, not for custom resources (406, JSON and YAML only) nor for watches here.
     */
    private void answerInProtobuf(Exchange exchange, ResourcePath path, ResourceType type) {
        String apiVersion = path.subresource().equals("scale") ? "autoscaling/v1" : type.apiVersion();
        String kind = path.subresource().equals("scale") ? "Scale" : type.kind();
        if (!protobuf.hasMessage(apiVersion, kind)) {
            throw notAcceptable(type.plural() + " are served as application/json and application/yaml only");
        }
        if (isTrue(exchange.query("watch"))) {
            throw notAcceptable("the fake cluster streams watches as application/json only");
        }
        exchange.answerInProtobuf();
    }

    private static ClusterException notAcceptable(String why) {
        return new ClusterException(406, "NotAcceptable", "the server was unable to respond with a content type that "
                + "the client supports: " + why, Optional.empty());
    }

    /** A read of an object, a list or a watch; as a Table when the client accepts one. */
    private void get(Exchange exchange, ResourcePath path, ResourceType type) throws IOException {
        Optional<TableWriter> tables = Tables.wanted(exchange) ? Optional.of(tableWriter(exchange, type))
                : Optional.empty();
        if (path.isObject()) {
            ObjectNode object = api.get(type, path.namespace(), path.name())
                    .orElseThrow(() -> ApiErrors.notFound(type, path.name()));
            exchange.respond(200, tables.isPresent() ? tables.get().table(List.of(object), true) : object);
        } else if (isTrue(exchange.query("watch"))) {
            watches.serve(exchange, type, listOptions(exchange, path), exchange.query("resourceVersion"),
                    tables.map(writer -> writer::eventTable));
        } else {
            ObjectNode list = list(type, listOptions(exchange, path), limit(exchange), exchange.query("continue"));
            if (tables.isPresent()) {
                List<ObjectNode> items = new ArrayList<>();
                list.path("items").forEach(item -> items.add((ObjectNode) item));
                ObjectNode table = tables.get().table(items, true);
                table.set("metadata", list.path("metadata"));
                list = table;
            }
            exchange.respond(200, list);
        }
    }

    private TableWriter tableWriter(Exchange exchange, ResourceType type) {
        String includeObject = exchange.query("includeObject");
        return new TableWriter(PrinterColumns.of(type, api.customResourceDefinition(type)), includeObject);
    }

    /** Tables of one type's objects; a watch describes the columns in its first event only. */
    private final class TableWriter {

        private final List<PrinterColumns.Column> columns;
        private final String includeObject;
        private boolean columnsSent;

        TableWriter(List<PrinterColumns.Column> columns, String includeObject) {
            this.columns = columns;
            this.includeObject = includeObject;
        }

        ObjectNode table(List<ObjectNode> objects, boolean withColumns) {
            return Tables.of(objects, columns, api.now(), includeObject, withColumns);
        }

        ObjectNode eventTable(ObjectNode object) {
            ObjectNode table = table(List.of(object), !columnsSent);
            columnsSent = true;
            return table;
        }
    }

    /** The scale subresource: get, update (PUT) and patch of the object's Scale. */
    private void scale(Exchange exchange, ResourcePath path, ResourceType type) throws IOException {
        switch (exchange.method()) {
            case "GET" -> exchange.respond(200, api.getScale(type, path.namespace(), path.name()));
            case "PUT" -> exchange.respond(200, api.updateScale(type, path.namespace(), path.name(),
                    exchange.bodyObject(), writeOptions(exchange)));
            case "PATCH" -> {
                Patch patch = patchOf(exchange);
                exchange.respond(200, api.patchScale(type, path.namespace(), path.name(), patch, writeOptions(exchange)));
            }
            default -> throw ApiErrors.methodNotAllowed("the server does not allow the method " + exchange.method()
                    + " on the scale subresource " + exchange.path());
        }
    }

    private ObjectNode list(ResourceType type, ListOptions options, long limit, String continueToken) {
        ObjectNode answer = Json.object().put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
        ObjectNode metadata = answer.putObject("metadata");
        ResourceList list;
        if (limit == 0 && continueToken.isEmpty()) {
            list = api.list(type, options);
            metadata.put("resourceVersion", list.resourceVersion());
        } else {
            FakeApi.ListPage page = api.listPage(type, options, limit, continueToken);
            list = page.list();
            metadata.put("resourceVersion", list.resourceVersion());
            if (!page.continueToken().isEmpty()) {
                metadata.put("continue", page.continueToken());
            }
            page.remaining().ifPresent(remaining -> metadata.put("remainingItemCount", remaining));
        }
        ArrayNode items = answer.putArray("items");
        list.items().forEach(items::add);
        return answer;
    }

    /** The {@code limit} of a list: 0 (everything) when absent. */
    private static long limit(Exchange exchange) {
        String limit = exchange.query("limit");
        try {
            long value = limit.isEmpty() ? 0 : Long.parseLong(limit);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiErrors.badRequest("limit: Invalid value: \"" + limit + "\": must be a non-negative integer");
        }
    }

    private ObjectNode patch(Exchange exchange, ResourcePath path, ResourceType type, boolean status) throws IOException {
        Patch patch = patchOf(exchange);
        WriteOptions options = writeOptions(exchange);
        if (isTrue(exchange.query("force"))) {
            options = options.forced();
        }
        return status ? api.patchStatus(type, path.namespace(), path.name(), patch, options)
                : api.patch(type, path.namespace(), path.name(), patch, options);
    }

    /** The patch a PATCH request sends, of the type its Content-Type names. */
    private static Patch patchOf(Exchange exchange) throws IOException {
        PatchType patchType = PatchType.ofContentType(exchange.header("Content-Type")).orElseThrow(() ->
                new ClusterException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                        + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                        + "application/apply-patch+yaml, application/strategic-merge-patch+json", Optional.empty()));
        JsonNode body = patchType == PatchType.JSON ? exchange.bodyJson() : exchange.bodyObject();
        try {
            return new Patch(patchType, body);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    private ObjectNode delete(Exchange exchange, ResourcePath path, ResourceType type) throws IOException {
        Deletions.Outcome outcome = api.delete(type, path.namespace(), path.name(), deleteOptions(exchange));
        if (!outcome.removed()) {
            return outcome.object();
        }
        return Statuses.deleted(type.group(), type.plural(), path.name(), outcome.object().at("/metadata/uid").asText());
    }

    private ObjectNode deleteCollection(Exchange exchange, ResourcePath path, ResourceType type) throws IOException {
        DeleteOptions options = deleteOptions(exchange);
        ResourceList list = api.list(type, listOptions(exchange, path));
        ObjectNode answer = Json.object().put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
        answer.putObject("metadata").put("resourceVersion", list.resourceVersion());
        ArrayNode items = answer.putArray("items");
        for (ObjectNode object : list.items()) {
            try {
                items.add(api.delete(type, KubernetesObjects.namespace(object), KubernetesObjects.name(object), options)
                        .object());
            } catch (ClusterException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return answer;
    }

    /** The object in the body, checked against and completed from the path. */
    private static ObjectNode body(Exchange exchange, ResourcePath path, ResourceType type) throws IOException {
        ObjectNode object = exchange.bodyObject();
        if (!object.hasNonNull("apiVersion")) {
            object.put("apiVersion", type.apiVersion());
        }
        if (!object.hasNonNull("kind")) {
            object.put("kind", type.kind());
        }
        GroupVersion given = GroupVersion.parse(KubernetesObjects.apiVersion(object));
        if (!given.group().equals(type.group()) || !KubernetesObjects.kind(object).equals(type.kind())) {
            throw ApiErrors.badRequest("the API version in the data (" + KubernetesObjects.apiVersion(object) + " "
                    + KubernetesObjects.kind(object) + ") does not match the expected API version ("
                    + type.apiVersion() + " " + type.kind() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        if (type.namespaced()) {
            String namespace = KubernetesObjects.namespace(object);
            if (namespace.isEmpty()) {
                KubernetesObjects.metadata(object).put("namespace", path.namespace());
            } else if (!namespace.equals(path.namespace())) {
                throw ApiErrors.badRequest("the namespace of the provided object (" + namespace + ") does not match "
                        + "the namespace sent on the request (" + path.namespace() + ")");
            }
        }
        if (path.isObject() && !KubernetesObjects.name(object).equals(path.name())) {
            throw ApiErrors.badRequest("the name of the object (" + KubernetesObjects.name(object)
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        return object;
    }

    private static ListOptions listOptions(Exchange exchange, ResourcePath path) {
        try {
            return new ListOptions(path.namespace(), LabelSelector.parse(exchange.query("labelSelector")),
                    FieldSelector.parse(exchange.query("fieldSelector")));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    /** The options of a write; without a fieldManager, the manager is the user agent's product name, as on a real API server. */
    private static WriteOptions writeOptions(Exchange exchange) {
        String manager = exchange.query("fieldManager");
        if (manager.isEmpty()) {
            manager = exchange.header("User-Agent").split("/", 2)[0].trim();
        }
        return new WriteOptions(dryRun(exchange.query("dryRun")), manager, false);
    }

    private static DeleteOptions deleteOptions(Exchange exchange) throws IOException {
        JsonNode body;
        if (exchange.header("Content-Type").startsWith(ProtobufCodec.MEDIA_TYPE)) {
            body = exchange.bodyObject();
        } else {
            String text = exchange.bodyText();
            body = text.isBlank() ? Json.object() : Json.parseObject(text, "the DeleteOptions in the request body");
        }
        String policy = body.path("propagationPolicy").asText(exchange.query("propagationPolicy"));
        if (policy.isEmpty() && body.has("orphanDependents")) {
            policy = body.path("orphanDependents").asBoolean() ? "Orphan" : "Background";
        }
        boolean dryRun = dryRun(exchange.query("dryRun"));
        for (JsonNode value : body.path("dryRun")) {
            dryRun |= dryRun(value.asText());
        }
        Optional<PropagationPolicy> propagation;
        try {
            propagation = policy.isEmpty() ? Optional.empty() : Optional.of(PropagationPolicy.fromApiName(policy));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
        JsonNode preconditions = body.path("preconditions");
        return new DeleteOptions(propagation, dryRun, preconditions.path("uid").asText(""),
                preconditions.path("resourceVersion").asText(""));
    }

    private static boolean dryRun(String value) {
        if (value.isEmpty()) {
            return false;
        }
        if (!value.equals("All")) {
            throw ApiErrors.badRequest("Invalid dryRun value \"" + value + "\": the only valid value is \"All\"");
        }
        return true;
    }

    private static void requireCollection(ResourcePath path, ResourceType type) {
        if (path.isObject()) {
            throw ApiErrors.methodNotAllowed("POST is not allowed on a single " + type.kind() + "; post to the collection");
        }
        if (type.namespaced() && path.namespace().isEmpty()) {
            throw ApiErrors.methodNotAllowed("create " + type.plural() + " in a namespace: "
                    + "/.../namespaces/NAMESPACE/" + type.plural());
        }
    }

    private static void requireObject(ResourcePath path, ResourceType type) {
        if (!path.isObject()) {
            throw ApiErrors.methodNotAllowed("name the " + type.kind() + " to change in the path");
        }
    }

    private static boolean isTrue(String value) {
        return value.equals("true") || value.equals("1");
    }
}
