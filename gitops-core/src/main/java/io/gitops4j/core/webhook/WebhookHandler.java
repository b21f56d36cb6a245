package io.gitops4j.core.webhook;

import io.gitops4j.kube.Redaction;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo CD's {@code /api/webhook}: a push from GitHub, GitLab, Bitbucket Cloud, Bitbucket Server,
 * Gogs or Gitea refreshes every application of the pushed repository whose target revision may
 * name the pushed branch or tag, so a commit is compared at once instead of at the next refresh
 * interval.
 *
 * <pre>{@code
 * WebhookHandler webhooks = WebhookHandler.builder(controller::refresh)
 *         .secrets(settings.webhookSecrets())
 *         .build();
 * }</pre>
 *
 * <p>A request that is malformed, too large, from no known provider, or not signed as its
 * provider's configured secret requires is answered with a 4xx and refreshes nothing. Secrets
 * and signatures never reach a message or a log line. Thread-safe.
 */
public final class WebhookHandler {

    /** Argo CD's default {@code webhook.maxPayloadSizeMB}: 50 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 50L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private final WebhookParser parser;
    private final RefreshTarget target;
    private final long maxPayloadBytes;

    private WebhookHandler(Builder builder) {
        this.parser = new WebhookParser(builder.secrets);
        this.target = builder.target;
        this.maxPayloadBytes = builder.maxPayloadBytes;
    }

    /**
     * A handler that refreshes through {@code target} ({@code controller::refresh}).
     *
     * @param target what the handler refreshes
     * @return a new builder
     */
    public static Builder builder(RefreshTarget target) {
        return new Builder(target);
    }

    /** {@return the largest body accepted, in bytes; a larger one is answered 413 unread} */
    public long maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Checks and reads one request, and refreshes what its push names.
     *
     * @param request the HTTP request
     * @return the status and message to answer with, the push read and how many applications were marked
     */
    public WebhookResult handle(WebhookRequest request) {
        if (request.rawBody().length > maxPayloadBytes) {
            return refused(tooLarge(maxPayloadBytes));
        }
        Optional<PushEvent> push;
        try {
            push = parser.parse(request);
        } catch (WebhookException e) {
            return refused(e);
        }
        if (push.isEmpty()) {
            LOG.debug("webhook event without a push ignored");
            return new WebhookResult(200, "event ignored: not a push", Optional.empty(), 0);
        }
        PushEvent event = push.get();
        int refreshed = 0;
        for (String url : event.repoURLs()) {
            refreshed += target.refresh(url, event.revision());
        }
        LOG.info("{} push of {} to {}: {} application(s) refreshed", event.provider().displayName(),
                Redaction.url(event.repoURLs().get(0)), event.revision().isEmpty() ? "(no ref)" : event.revision(),
                refreshed);
        return new WebhookResult(200, refreshed + " application(s) refreshed", push, refreshed);
    }

    static WebhookException tooLarge(long maxPayloadBytes) {
        return new WebhookException(413, "webhook payload larger than " + maxPayloadBytes
                + " bytes refused; raise webhook.maxPayloadSizeMB in argocd-cm if such pushes are expected");
    }

    private static WebhookResult refused(WebhookException e) {
        LOG.info("webhook refused ({}): {}", e.status(), e.getMessage());
        return new WebhookResult(e.status(), e.getMessage(), Optional.empty(), 0);
    }

    /** Configures a {@link WebhookHandler}. */
    public static final class Builder {
        private final RefreshTarget target;
        private WebhookSecrets secrets = WebhookSecrets.none();
        private long maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;

        private Builder(RefreshTarget target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /**
         * The shared secrets requests are checked against (default: none, as Argo CD without them).
         *
         * @param value the secrets
         * @return this builder
         */
        public Builder secrets(WebhookSecrets value) {
            this.secrets = Objects.requireNonNull(value, "secrets");
            return this;
        }

        /**
         * The largest body accepted (default 50 MiB, Argo CD's {@code webhook.maxPayloadSizeMB}).
         *
         * @param value the largest body, in bytes
         * @return this builder
         */
        public Builder maxPayloadBytes(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxPayloadBytes must be positive, not " + value);
            }
            this.maxPayloadBytes = value;
            return this;
        }

        /**
         * Builds the handler.
         *
         * @return the handler
         */
        public WebhookHandler build() {
            return new WebhookHandler(this);
        }
    }
}
