package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.gitops4j.diff.Json;
import io.gitops4j.k8s.ClusterException;
import io.gitops4j.k8s.DeleteOptions;
import io.gitops4j.k8s.ResourceType;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * A DELETE request with a full {@code DeleteOptions} body (propagation policy, dry run, uid and
 * resourceVersion preconditions), which fabric8's fluent API cannot send in every combination.
 * It goes through the client's HTTP client, so authentication and retries stay fabric8's.
 */
final class Fabric8Deletion {

    private final KubernetesClient client;

    Fabric8Deletion(KubernetesClient client) {
        this.client = client;
    }

    /** @return whether the object existed */
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
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(url(type, namespace, name))
                .method("DELETE", "application/json", Json.write(body))
                .build();
        HttpResponse<String> response = send(request, what);
        if (response.code() == 404) {
            return false;
        }
        if (response.code() >= 300) {
            throw error(response, what);
        }
        return true;
    }

    private String url(ResourceType type, String namespace, String name) {
        String base = client.getMasterUrl().toString().replaceAll("/+$", "");
        String groupVersion = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version();
        String scope = type.namespaced() ? "/namespaces/" + encode(namespace) : "";
        return base + groupVersion + scope + "/" + type.plural() + "/" + encode(name);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
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

    private static ClusterException error(HttpResponse<String> response, String what) {
        String message = response.body();
        String reason = "";
        try {
            JsonNode status = Json.mapper().readTree(response.body());
            message = status.path("message").asText(message);
            reason = status.path("reason").asText("");
        } catch (IOException | RuntimeException e) {
            // not a Status object: keep the body as the message
        }
        return new ClusterException(response.code(), reason, "cannot " + what + ": " + message, Optional.empty());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
