package io.gitops4j.core.webhook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One webhook request as it arrived: its method, headers (names compared without case) and body.
 *
 * @param method the HTTP method
 * @param headers the headers, each with its values in order
 * @param body the body, whole
 */
public record WebhookRequest(String method, Map<String, List<String>> headers, byte[] body) {

    /**
     * Requires the method, merges the headers by name case-insensitively and copies the body.
     *
     * @param method the HTTP method
     * @param headers the headers, each with its values in order
     * @param body the body, whole
     */
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /**
     * A POST with these headers (one value each) and body.
     *
     * @param headers the headers, one value each
     * @param body the body, whole
     * @return the request
     */
    public static WebhookRequest post(Map<String, String> headers, byte[] body) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new WebhookRequest("POST", all, body);
    }

    /**
     * The first value of a header, if it is present and not empty.
     *
     * @param name the header's name, in any case
     * @return the first value; empty when the header is missing or empty
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    /**
     * The body, a copy.
     *
     * @return the body, whole
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without a copy, for this package's readers, which never change it. */
    byte[] rawBody() {
        return body;
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + ", headers=" + headers.keySet() + ", " + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRequest that && method.equals(that.method) && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, headers, java.util.Arrays.hashCode(body));
    }
}
