package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.fake.internal.ApiErrors;
import io.gitops4j.fake.internal.protobuf.ProtobufCodec;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to the fake API server, with the helpers its handlers need. Bodies are read as
 * JSON, YAML or Kubernetes protobuf, as the Content-Type says; answers are JSON, or protobuf for a
 * client that accepts nothing else (on the resource paths that allow it).
 */
final class Exchange {

    private final HttpExchange http;
    private final ProtobufCodec protobuf;
    private final Map<String, String> query;
    private boolean protobufAnswers;

    Exchange(HttpExchange http, ProtobufCodec protobuf) {
        this.http = http;
        this.protobuf = protobuf;
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getPath();
    }

    /** A query parameter, or empty. */
    String query(String name) {
        return query.getOrDefault(name, "");
    }

    /** A request header, or empty. */
    String header(String name) {
        String value = http.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    /** The request body as text. */
    String bodyText() throws IOException {
        return new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The request body as one JSON object; a YAML body when the content type says YAML.
     *
     * @throws ClusterException 400 when it is not one object
     */
    ObjectNode bodyObject() throws IOException {
        String contentType = header("Content-Type");
        if (contentType.startsWith(ProtobufCodec.MEDIA_TYPE)) {
            try {
                return protobuf.read(http.getRequestBody().readAllBytes());
            } catch (IllegalArgumentException e) {
                throw ApiErrors.badRequest(e.getMessage());
            }
        }
        if (contentType.contains("protobuf") || contentType.contains("cbor")) {
            throw new ClusterException(415, "UnsupportedMediaType", "the fake cluster reads JSON, YAML and "
                    + ProtobufCodec.MEDIA_TYPE + " bodies, not " + contentType + "; send application/json",
                    Optional.empty());
        }
        String text = bodyText();
        if (text.isBlank()) {
            throw ApiErrors.badRequest("the request has no body; send the object as JSON");
        }
        try {
            // JSON is YAML too, and clients usually send JSON: read it as such, much faster.
            if (contentType.contains("yaml") && !text.stripLeading().startsWith("{")) {
                List<YamlDocument> documents = Yaml.readDocuments(text, "the request body");
                if (documents.size() != 1) {
                    throw ApiErrors.badRequest("the request body holds " + documents.size() + " YAML documents, not one");
                }
                return documents.get(0).body();
            }
            return Json.parseObject(text, "the request body");
        } catch (ManifestException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    /** The request body as JSON of any shape. */
    JsonNode bodyJson() throws IOException {
        try {
            return Json.mapper().readTree(bodyText());
        } catch (IOException e) {
            throw ApiErrors.badRequest("the request body is not JSON: " + e.getMessage());
        }
    }

    /**
     * Whether the client accepts protobuf answers and nothing else ({@code Accept:
     * application/vnd.kubernetes.protobuf}, without JSON, YAML or a wildcard beside it).
     */
    boolean acceptsOnlyProtobuf() {
        boolean protobufAccepted = false;
        for (String range : header("Accept").split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(ProtobufCodec.MEDIA_TYPE)) {
                protobufAccepted = true;
            } else if (type.contains("json") || type.contains("yaml") || type.equals("*/*")
                    || type.equals("application/*")) {
                return false;
            }
        }
        return protobufAccepted;
    }

    /** From now on, answers that have a protobuf form are sent as protobuf (see {@link #acceptsOnlyProtobuf}). */
    void answerInProtobuf() {
        protobufAnswers = true;
    }

    /** Sends a JSON answer (protobuf when {@link #answerInProtobuf} was called and it has that form) and ends the exchange. */
    void respond(int code, JsonNode body) throws IOException {
        if (protobufAnswers && body instanceof ObjectNode object && protobuf.canWrite(object)) {
            byte[] bytes = protobuf.write(object);
            http.getResponseHeaders().set("Content-Type", ProtobufCodec.MEDIA_TYPE);
            http.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends a plain text answer and ends the exchange. */
    void respondText(int code, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        http.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends a failure as a Kubernetes {@code Status}, with Retry-After when the failure has one. */
    void respondError(ClusterException error) throws IOException {
        error.retryAfter().ifPresent(delay ->
                http.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, delay.toSeconds()))));
        int code = error.code() == ClusterException.UNREACHABLE ? 503 : error.code();
        respond(code, Statuses.failure(code, error));
    }

    /** Starts a streamed answer (chunked); the caller writes and closes the body. */
    OutputStream startStream(String contentType) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.getResponseHeaders().set("Cache-Control", "no-cache, private");
        http.sendResponseHeaders(200, 0);
        return http.getResponseBody();
    }

    /** Ends the exchange. */
    void close() {
        http.close();
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
