package io.gitops4j.core.webhook;

/**
 * The Git servers whose push webhooks {@link WebhookHandler} understands, told apart by their
 * headers as Argo CD tells them apart.
 */
public enum WebhookProvider {
    /** GitHub: {@code X-GitHub-Event: push}, signed by {@code X-Hub-Signature-256}. */
    GITHUB("GitHub"),
    /** GitLab: {@code X-Gitlab-Event: Push Hook} (or tag push, system hook), {@code X-Gitlab-Token}. */
    GITLAB("GitLab"),
    /** Bitbucket Cloud: {@code X-Event-Key: repo:push} with the webhook's {@code X-Hook-UUID}. */
    BITBUCKET_CLOUD("Bitbucket Cloud"),
    /** Bitbucket Server / Data Center: {@code X-Event-Key: repo:refs_changed}, {@code X-Hub-Signature}. */
    BITBUCKET_SERVER("Bitbucket Server"),
    /** Gogs and Gitea: {@code X-Gogs-Event} / {@code X-Gitea-Event: push}, {@code X-Gogs-Signature}. */
    GOGS("Gogs/Gitea");

    private final String displayName;

    WebhookProvider(String displayName) {
        this.displayName = displayName;
    }

    /** {@return the provider's name as people write it} */
    public String displayName() {
        return displayName;
    }
}
