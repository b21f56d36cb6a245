package io.gitops4j.core.webhook;

import java.util.Objects;

/**
 * The shared secrets webhooks are checked against, Argo CD's {@code argocd-secret} keys; an empty
 * value means that provider's requests are accepted unsigned, as in Argo CD. Once a provider has
 * a secret, its requests without a valid signature (or token, or UUID) are refused.
 *
 * <p>{@code toString()} says which secrets are set, never their values.
 *
 * @param github {@code webhook.github.secret}: HMAC-SHA256 key of {@code X-Hub-Signature-256}
 * @param gitlab {@code webhook.gitlab.secret}: the {@code X-Gitlab-Token} expected
 * @param bitbucketUuid {@code webhook.bitbucket.uuid}: the {@code X-Hook-UUID} expected
 * @param bitbucketServer {@code webhook.bitbucketserver.secret}: HMAC-SHA256 key of {@code X-Hub-Signature}
 * @param gogs {@code webhook.gogs.secret}: HMAC-SHA256 key of {@code X-Gogs-Signature} (Gogs and Gitea)
 */
public record WebhookSecrets(String github, String gitlab, String bitbucketUuid, String bitbucketServer, String gogs) {

    private static final WebhookSecrets NONE = new WebhookSecrets("", "", "", "", "");

    /**
     * Requires every field; empty strings for providers without a secret.
     *
     * @param github {@code webhook.github.secret}: HMAC-SHA256 key of {@code X-Hub-Signature-256}
     * @param gitlab {@code webhook.gitlab.secret}: the {@code X-Gitlab-Token} expected
     * @param bitbucketUuid {@code webhook.bitbucket.uuid}: the {@code X-Hook-UUID} expected
     * @param bitbucketServer {@code webhook.bitbucketserver.secret}: HMAC-SHA256 key of {@code
     *     X-Hub-Signature}
     * @param gogs {@code webhook.gogs.secret}: HMAC-SHA256 key of {@code X-Gogs-Signature} (Gogs and Gitea)
     */
    public WebhookSecrets {
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(gitlab, "gitlab");
        Objects.requireNonNull(bitbucketUuid, "bitbucketUuid");
        Objects.requireNonNull(bitbucketServer, "bitbucketServer");
        Objects.requireNonNull(gogs, "gogs");
    }

    /** {@return secrets for no provider: every provider's requests are accepted unsigned} */
    public static WebhookSecrets none() {
        return NONE;
    }

    /**
     * The secret of one provider; empty when none is set.
     *
     * @param provider the provider
     * @return its secret; empty when none is set
     */
    public String of(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> github;
            case GITLAB -> gitlab;
            case BITBUCKET_CLOUD -> bitbucketUuid;
            case BITBUCKET_SERVER -> bitbucketServer;
            case GOGS -> gogs;
        };
    }

    @Override
    public String toString() {
        return "WebhookSecrets[github=" + mask(github) + ", gitlab=" + mask(gitlab) + ", bitbucketUuid="
                + mask(bitbucketUuid) + ", bitbucketServer=" + mask(bitbucketServer) + ", gogs=" + mask(gogs) + "]";
    }

    private static String mask(String secret) {
        return secret.isEmpty() ? "none" : "***";
    }
}
