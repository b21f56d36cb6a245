package io.gitops4j.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * What a push webhook says moved.
 *
 * @param provider who sent it
 * @param repoURLs the repository's URLs as the payload names them (its web page, or for Bitbucket
 *     Server its clone URLs)
 * @param revision the branch or tag pushed, without {@code refs/heads/} or {@code refs/tags/}
 *     (Argo CD's {@code ParseRevision}); empty when the payload names none
 */
public record PushEvent(WebhookProvider provider, List<String> repoURLs, String revision) {

    /**
     * Requires the provider and revision and copies the repository URLs.
     *
     * @param provider who sent it
     * @param repoURLs the repository's URLs as the payload names them (its web page, or for Bitbucket
     *     Server its clone URLs)
     * @param revision the branch or tag pushed, without {@code refs/heads/} or {@code refs/tags/} (Argo
     *     CD's {@code ParseRevision}); empty when the payload names none
     */
    public PushEvent {
        Objects.requireNonNull(provider, "provider");
        repoURLs = List.copyOf(repoURLs);
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * A ref as Argo CD's webhook reads it: what follows its second slash ({@code refs/heads/a/b}
     * is {@code a/b}), or the ref itself when it has fewer.
     *
     * @param ref the pushed ref, such as {@code refs/heads/main}
     * @return the revision the push names
     */
    public static String revisionOf(String ref) {
        String[] parts = ref.split("/", 3);
        return parts[parts.length - 1];
    }
}
