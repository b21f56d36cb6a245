package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ManifestException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests of {@link Fabric8Cluster}, sent through the client's HTTP client (its
 * configuration, authentication, TLS and retries) with JSON bodies read and written as Jackson
 * trees: no detour through fabric8's model classes, and every option of the API (a
 * {@code fieldManager} on create and update, every {@code DeleteOptions}) can be said. Each
 * request is bounded and retried as {@link RequestSender} says.
 */
final class RawRequests {

    /** How much of an unexpected answer a message quotes. */
    private static final int EXCERPT = 200;

    private final KubernetesClient client;
    private final RequestSender sender;

    RawRequests(KubernetesClient client, RequestSender sender) {
        this.client = client;
        this.sender = sender;
    }

    /**
     * GET a discovery document ({@code /api/v1}, {@code /apis}, {@code /apis/GROUP/VERSION});
     * empty on 404.
     */
    Optional<JsonNode> discovery(String path, String what) {
        HttpResponse<String> response = send("GET", baseUrl() + path, "", null, what);
        return response.code() == 404 ? Optional.empty() : Optional.of(object(response, what));
    }

    /** GET one object; empty on 404. */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name, String what) {
        HttpResponse<String> response = send("GET", objectUrl(type, namespace, name), "", null, what);
        return response.code() == 404 ? Optional.empty() : Optional.of(object(response, what));
    }

    /** GET a collection, in one namespace or in all ({@code namespace} empty). */
    JsonNode list(ResourceType type, ListOptions options, String what) {
        return object(send("GET", listUrl(type, options, List.of()), "", null, what), what);
    }

    /** The URL of a collection with the selectors of {@code options} and further query parameters. */
    String listUrl(ResourceType type, ListOptions options, List<String> parameters) {
        List<String> query = new ArrayList<>(parameters);
        if (!options.labelSelector().isEverything()) {
            query.add("labelSelector=" + encode(options.labelSelector().toString()));
        }
        if (!options.fieldSelector().isEverything()) {
            query.add("fieldSelector=" + encode(options.fieldSelector().toString()));
        }
        String scope = type.namespaced() && !options.namespace().isEmpty()
                ? groupVersionUrl(type) + "/namespaces/" + encode(options.namespace()) : groupVersionUrl(type);
        return scope + "/" + type.plural() + query(query);
    }

    /** POST to the collection. */
    ObjectNode create(ResourceType type, String namespace, ObjectNode object, WriteOptions options, String what) {
        return object(send("POST", collectionUrl(type, namespace) + query(writeQuery(options)), "application/json",
                Json.write(object), what), what);
    }

    /** PUT to the object, or to its status subresource. */
    ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object, WriteOptions options,
            boolean status, String what) {
        String url = objectUrl(type, namespace, name) + (status ? "/status" : "") + query(writeQuery(options));
        return object(send("PUT", url, "application/json", Json.write(object), what), what);
    }

    /** PATCH the object with a body of a patch content type; {@code force} for server-side apply. */
    ObjectNode patch(ResourceType type, String namespace, String name, String contentType, JsonNode body,
            WriteOptions options, String what) {
        List<String> query = writeQuery(options);
        if (options.force()) {
            query.add("force=true");
        }
        return object(send("PATCH", objectUrl(type, namespace, name) + query(query), contentType, Json.write(body), what),
                what);
    }

    /** DELETE with DeleteOptions; whether the object existed. */
    boolean delete(ResourceType type, String namespace, String name, DeleteOptions options, String what) {
        ObjectNode body = Json.object().put("apiVersion", "v1").put("kind", "DeleteOptions");
        options.propagationPolicy().ifPresent(policy -> body.put("propagationPolicy", policy.apiName()));
        if (options.dryRun()) {
            body.putArray("dryRun").add("All");
        }
        if (!options.preconditionUid().isEmpty() || !options.preconditionResourceVersion().isEmpty()) {
            ObjectNode preconditions = body.putObject("preconditions");
            if (!options.preconditionUid().isEmpty()) {
                preconditions.put("uid", options.preconditionUid());
            }
            if (!options.preconditionResourceVersion().isEmpty()) {
                preconditions.put("resourceVersion", options.preconditionResourceVersion());
            }
        }
        HttpResponse<String> response = send("DELETE", objectUrl(type, namespace, name), "application/json",
                Json.write(body), what);
        if (response.code() == 404) {
            return false;
        }
        object(response, what);
        return true;
    }

    private HttpResponse<String> send(String method, String url, String contentType, String body, String what) {
        HttpRequest.Builder builder = sender.request(url);
        HttpRequest request = body == null ? builder.build() : builder.method(method, contentType, body).build();
        return sender.send(request, what);
    }

    /** The object answered, or the failure the answer's Status describes. */
    private ObjectNode object(HttpResponse<String> response, String what) {
        if (response.code() < 300) {
            try {
                return Json.parseObject(response.body(), what);
            } catch (ManifestException e) {
                throw new ClusterException(response.code(), "cannot " + what + ": the server answered with no object: "
                        + excerpt(response.body()), e);
            }
        }
        throw failure(response.code(), response.body(), retryAfter(response), what);
    }

    /** The failure an answer's Status describes (or its body, when it is not a Status). */
    ClusterException failure(int code, String body, Optional<Duration> retryAfter, String what) {
        Status status;
        try {
            status = client.getKubernetesSerialization().unmarshal(body, Status.class);
        } catch (RuntimeException e) {
            return new ClusterException(code, "", "cannot " + what + ": the server answered " + code + " with "
                    + (body == null || body.isBlank() ? "no body" : excerpt(body)), Optional.empty());
        }
        status.setCode(code);
        return Fabric8Errors.toClusterException(what, new KubernetesClientException(status), retryAfter);
    }

    /** The start of an answer that is not what the API server sends (a proxy's HTML page), on one line. */
    private static String excerpt(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
    }

    /** The Retry-After header of a 429 or 503 answer, in seconds. */
    static Optional<Duration> retryAfter(HttpResponse<String> response) {
        String header = response.header("Retry-After");
        if (header == null || !header.trim().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
    }

    /** The API server's URL, without a trailing slash. */
    String baseUrl() {
        String base = client.getMasterUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String groupVersionUrl(ResourceType type) {
        return baseUrl() + (type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version());
    }

    private String collectionUrl(ResourceType type, String namespace) {
        String scope = type.namespaced() ? "/namespaces/" + encode(namespace.isEmpty() ? "default" : namespace) : "";
        return groupVersionUrl(type) + scope + "/" + type.plural();
    }

    private String objectUrl(ResourceType type, String namespace, String name) {
        return collectionUrl(type, namespace) + "/" + encode(name);
    }

    private static List<String> writeQuery(WriteOptions options) {
        List<String> parameters = new ArrayList<>();
        if (options.dryRun()) {
            parameters.add("dryRun=All");
        }
        if (!options.fieldManager().isEmpty()) {
            parameters.add("fieldManager=" + encode(options.fieldManager()));
        }
        if (!options.fieldValidation().isEmpty()) {
            parameters.add("fieldValidation=" + encode(options.fieldValidation()));
        }
        return parameters;
    }

    private static String query(List<String> parameters) {
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
