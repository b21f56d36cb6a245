package io.gitops4j.core.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a push out of a webhook request, as Argo CD's webhook handler does: the provider is told
 * by its headers (Gogs/Gitea first, as Gitea also sends GitHub's headers; then GitHub, GitLab,
 * Bitbucket Cloud by {@code X-Hook-UUID}, Bitbucket Server by {@code X-Event-Key}); when that
 * provider has a secret the request must carry a valid signature, token or UUID before its body
 * is read. Push events (GitLab's tag pushes and system hooks of pushes too) name a repository and a
 * revision; a ping is accepted and changes nothing; any other event is refused (400), as Argo CD
 * refuses the events it does not parse.
 */
final class WebhookParser {

    /** The events read as pushes, by provider prefix (Argo CD's). */
    private static final Set<String> PUSHES = Set.of("github:push", "gitlab:Push Hook", "gitlab:Tag Push Hook",
            "gitlab:System Hook", "bitbucket:repo:push", "bitbucket-server:repo:refs_changed", "gogs:push");
    /** The events that only test the webhook: answered 200 once their signature holds. */
    private static final Set<String> PINGS = Set.of("github:ping", "bitbucket-server:diagnostics:ping");

    private final WebhookSecrets secrets;

    WebhookParser(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /**
     * The push a request announces; empty for another event of a known provider.
     *
     * @throws WebhookException when the request is not a POST, comes from no known provider, is
     *     not signed as its provider's secret requires, or its body is not the JSON of a push
     */
    Optional<PushEvent> parse(WebhookRequest request) {
        WebhookProvider provider = provider(request).orElseThrow(() -> new WebhookException(400,
                "unknown webhook event: no X-GitHub-Event, X-Gitlab-Event, X-Gogs-Event, X-Gitea-Event, X-Hook-UUID "
                        + "or X-Event-Key header"));
        if (!request.method().equals("POST")) {
            throw new WebhookException(405, provider.displayName() + " webhook: method " + request.method()
                    + " is not allowed; webhooks are POSTed");
        }
        String event = event(provider, request);
        boolean ping = PINGS.contains(event);
        if (!ping && !PUSHES.contains(event)) {
            String name = event.substring(event.indexOf(':') + 1);
            throw new WebhookException(400, provider.displayName() + " webhook: event '"
                    + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + "' is not handled; send push events only");
        }
        verify(provider, request);
        if (ping) {
            return Optional.empty();
        }
        return switch (provider) {
            case GITHUB -> github(request);
            case GITLAB -> gitlab(request);
            case BITBUCKET_CLOUD -> bitbucketCloud(request);
            case BITBUCKET_SERVER -> bitbucketServer(request);
            case GOGS -> gogs(request);
        };
    }

    /** The event a request announces, from its provider's header. */
    private static String event(WebhookProvider provider, WebhookRequest request) {
        return switch (provider) {
            case GITHUB -> "github:" + request.header("X-GitHub-Event").orElse("");
            case GITLAB -> "gitlab:" + request.header("X-Gitlab-Event").orElse("");
            case BITBUCKET_CLOUD -> "bitbucket:" + request.header("X-Event-Key").orElse("");
            case BITBUCKET_SERVER -> "bitbucket-server:" + request.header("X-Event-Key").orElse("");
            case GOGS -> "gogs:" + request.header("X-Gogs-Event").or(() -> request.header("X-Gitea-Event")).orElse("");
        };
    }

    static Optional<WebhookProvider> provider(WebhookRequest request) {
        if (request.header("X-Gogs-Event").or(() -> request.header("X-Gitea-Event")).isPresent()) {
            return Optional.of(WebhookProvider.GOGS);
        }
        if (request.header("X-GitHub-Event").isPresent()) {
            return Optional.of(WebhookProvider.GITHUB);
        }
        if (request.header("X-Gitlab-Event").isPresent()) {
            return Optional.of(WebhookProvider.GITLAB);
        }
        if (request.header("X-Hook-UUID").isPresent()) {
            return Optional.of(WebhookProvider.BITBUCKET_CLOUD);
        }
        if (request.header("X-Event-Key").isPresent()) {
            return Optional.of(WebhookProvider.BITBUCKET_SERVER);
        }
        return Optional.empty();
    }

    private void verify(WebhookProvider provider, WebhookRequest request) {
        String secret = secrets.of(provider);
        if (secret.isEmpty()) {
            return;
        }
        switch (provider) {
            case GITHUB -> requireHmac(provider, request, "X-Hub-Signature-256", secret);
            case BITBUCKET_SERVER -> requireHmac(provider, request, "X-Hub-Signature", secret);
            case GOGS -> requireHmac(provider, request,
                    request.header("X-Gogs-Signature").isPresent() ? "X-Gogs-Signature" : "X-Gitea-Signature", secret);
            case GITLAB -> requireEqual(provider, request, "X-Gitlab-Token", secret);
            case BITBUCKET_CLOUD -> requireEqual(provider, request, "X-Hook-UUID", secret);
        }
    }

    private static void requireHmac(WebhookProvider provider, WebhookRequest request, String header, String secret) {
        String signature = request.header(header).orElseThrow(() -> unauthorized(provider, "has no " + header
                + " header, but a secret is configured; set the same secret on the webhook"));
        String hex = signature.startsWith("sha256=") ? signature.substring("sha256=".length()) : signature;
        if (!Signatures.hmacSha256Matches(secret, request.rawBody(), hex)) {
            throw unauthorized(provider, "signature in " + header + " does not match the body under the configured "
                    + "secret; check that the webhook and this controller share the same secret");
        }
    }

    private static void requireEqual(WebhookProvider provider, WebhookRequest request, String header, String secret) {
        String given = request.header(header).orElseThrow(() -> unauthorized(provider, "has no " + header
                + " header, but one is configured; set it on the webhook"));
        if (!Signatures.sameText(secret, given)) {
            throw unauthorized(provider, header + " does not match the configured value");
        }
    }

    private static WebhookException unauthorized(WebhookProvider provider, String reason) {
        return new WebhookException(401, provider.displayName() + " webhook refused: " + reason);
    }

    private Optional<PushEvent> github(WebhookRequest request) {
        JsonNode body = json(WebhookProvider.GITHUB, request);
        return Optional.of(new PushEvent(WebhookProvider.GITHUB,
                List.of(text(WebhookProvider.GITHUB, body, "repository", "html_url")),
                PushEvent.revisionOf(text(WebhookProvider.GITHUB, body, "ref"))));
    }

    private Optional<PushEvent> gitlab(WebhookRequest request) {
        String event = request.header("X-Gitlab-Event").orElse("");
        JsonNode body = json(WebhookProvider.GITLAB, request);
        String kind = body.path("object_kind").asText(body.path("event_name").asText(""));
        if (event.equals("System Hook") && !kind.equals("push") && !kind.equals("tag_push")) {
            return Optional.empty();
        }
        return Optional.of(new PushEvent(WebhookProvider.GITLAB,
                List.of(text(WebhookProvider.GITLAB, body, "project", "web_url")),
                PushEvent.revisionOf(text(WebhookProvider.GITLAB, body, "ref"))));
    }

    private Optional<PushEvent> bitbucketCloud(WebhookRequest request) {
        JsonNode body = json(WebhookProvider.BITBUCKET_CLOUD, request);
        String url = text(WebhookProvider.BITBUCKET_CLOUD, body, "repository", "links", "html", "href");
        JsonNode changes = body.path("push").path("changes");
        String revision = "";
        if (changes.isArray() && !changes.isEmpty()) {
            JsonNode name = changes.get(0).path("new").path("name");
            revision = name.isTextual() ? name.asText() : "";
        }
        return Optional.of(new PushEvent(WebhookProvider.BITBUCKET_CLOUD, List.of(url), revision));
    }

    private Optional<PushEvent> bitbucketServer(WebhookRequest request) {
        JsonNode body = json(WebhookProvider.BITBUCKET_SERVER, request);
        List<String> urls = new ArrayList<>();
        for (JsonNode link : body.path("repository").path("links").path("clone")) {
            String name = link.path("name").asText("");
            if ((name.equals("http") || name.equals("ssh")) && link.path("href").isTextual()) {
                urls.add(link.path("href").asText());
            }
        }
        if (urls.isEmpty()) {
            throw malformed(WebhookProvider.BITBUCKET_SERVER, "repository.links.clone has no http or ssh URL");
        }
        JsonNode changes = body.path("changes");
        String revision = "";
        if (changes.isArray() && !changes.isEmpty()) {
            JsonNode id = changes.get(0).path("ref").path("id");
            revision = id.isTextual() ? PushEvent.revisionOf(id.asText()) : "";
        }
        return Optional.of(new PushEvent(WebhookProvider.BITBUCKET_SERVER, urls, revision));
    }

    private Optional<PushEvent> gogs(WebhookRequest request) {
        JsonNode body = json(WebhookProvider.GOGS, request);
        return Optional.of(new PushEvent(WebhookProvider.GOGS,
                List.of(text(WebhookProvider.GOGS, body, "repository", "html_url")),
                PushEvent.revisionOf(text(WebhookProvider.GOGS, body, "ref"))));
    }

    private static JsonNode json(WebhookProvider provider, WebhookRequest request) {
        try {
            JsonNode body = Json.mapper().readTree(request.rawBody());
            if (body == null || !body.isObject()) {
                throw malformed(provider, "the body is not a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw malformed(provider, "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "); webhooks must send application/json");
        } catch (IOException e) {
            throw malformed(provider, "the body cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** The text at a path of fields; a malformed-payload error naming the path when it is missing or not text. */
    private static String text(WebhookProvider provider, JsonNode body, String... path) {
        JsonNode node = body;
        for (String field : path) {
            node = node.path(field);
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw malformed(provider, "the push payload has no " + String.join(".", path));
        }
        return node.asText();
    }

    private static WebhookException malformed(WebhookProvider provider, String reason) {
        return new WebhookException(400, provider.displayName() + " webhook: " + reason);
    }
}
