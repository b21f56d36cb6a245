/**
 * Git push webhooks as Argo CD reads them: {@link io.gitops4j.core.webhook.WebhookHandler} checks
 * a request's provider headers and shared secret ({@link io.gitops4j.core.webhook.WebhookSecrets}),
 * reads the pushed repository and revision ({@link io.gitops4j.core.webhook.PushEvent}) and
 * refreshes the applications that use them through a {@link io.gitops4j.core.webhook.RefreshTarget}.
 */
package io.gitops4j.core.webhook;
