package io.gitops4j.cluster;

import java.util.Optional;

/** The patch formats of the Kubernetes API, each sent with its own content type. */
public enum PatchType {

    /** RFC 6902 JSON Patch: a list of operations. */
    JSON("application/json-patch+json"),
    /** RFC 7386 JSON merge patch: objects merge, everything else replaces, null removes. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes strategic merge patch: lists merge by their key ({@code containers} by name). */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply: the fields a manager wants set, with ownership tracked per manager. */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    /**
     * The {@code Content-Type} of a patch request in this format.
     *
     * @return the media type, for example {@code application/merge-patch+json}
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The patch type of a {@code Content-Type} header value (parameters ignored).
     *
     * @param contentType the header value, for example {@code application/json-patch+json; charset=utf-8}
     * @return the type, or empty for a content type that is no patch format
     */
    public static Optional<PatchType> ofContentType(String contentType) {
        String bare = contentType.split(";", 2)[0].trim();
        for (PatchType type : values()) {
            if (type.contentType.equalsIgnoreCase(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
