package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.gitops4j.diff.Json;
import io.gitops4j.k8s.ClusterException;
import io.gitops4j.k8s.DeleteOptions;
import io.gitops4j.k8s.ResourceType;
import io.gitops4j.k8s.WriteOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Writes sent as plain requests through the client's HTTP client, for what fabric8's fluent API
 * cannot say: a {@code fieldManager} on create and update, and a delete with a full
 * {@code DeleteOptions} body (propagation, dry run, uid and resourceVersion preconditions).
 * Authentication, TLS and retries stay fabric8's.
 */
final class RawRequests {

    private final KubernetesClient client;

    RawRequests(KubernetesClient client) {
        this.client = client;
    }

    /** POST to the collection. */
    ObjectNode create(ResourceType type, String namespace, ObjectNode object, WriteOptions options, String what) {
        return object(send("POST", collectionUrl(type, namespace) + writeQuery(options), object, what), what);
    }

    /** PUT to the object, or to its status subresource. */
    ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object, WriteOptions options,
            boolean status, String what) {
        String url = collectionUrl(type, namespace) + "/" + encode(name) + (status ? "/status" : "") + writeQuery(options);
        return object(send("PUT", url, object, what), what);
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
        HttpResponse<String> response = send("DELETE", collectionUrl(type, namespace) + "/" + encode(name), body, what);
        if (response.code() == 404) {
            return false;
        }
        object(response, what);
        return true;
    }

    private HttpResponse<String> send(String method, String url, ObjectNode body, String what) {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(url)
                .method(method, "application/json", Json.write(body))
                .build();
        try {
            return client.getHttpClient().sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.UNREACHABLE, "cannot " + what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new ClusterException(ClusterException.UNREACHABLE, "cannot " + what + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * The object answered, read as fabric8 reads objects (so that it equals what fabric8's own
     * requests return), or the failure the answer's Status describes.
     */
    private ObjectNode object(HttpResponse<String> response, String what) {
        if (response.code() < 300) {
            try {
                GenericKubernetesResource resource = client.getKubernetesSerialization()
                        .unmarshal(response.body(), GenericKubernetesResource.class);
                return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
            } catch (RuntimeException e) {
                throw new ClusterException(response.code(), "cannot " + what + ": the server answered with no object: "
                        + response.body(), e);
            }
        }
        Status status;
        try {
            status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
        } catch (RuntimeException e) {
            throw new ClusterException(response.code(), "", "cannot " + what + ": " + response.body(), Optional.empty());
        }
        status.setCode(response.code());
        throw Fabric8Errors.toClusterException(what, new KubernetesClientException(status));
    }

    private String collectionUrl(ResourceType type, String namespace) {
        String base = client.getMasterUrl().toString().replaceAll("/+$", "");
        String groupVersion = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version();
        String scope = type.namespaced() ? "/namespaces/" + encode(namespace.isEmpty() ? "default" : namespace) : "";
        return base + groupVersion + scope + "/" + type.plural();
    }

    private static String writeQuery(WriteOptions options) {
        List<String> parameters = new ArrayList<>();
        if (options.dryRun()) {
            parameters.add("dryRun=All");
        }
        if (!options.fieldManager().isEmpty()) {
            parameters.add("fieldManager=" + encode(options.fieldManager()));
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
