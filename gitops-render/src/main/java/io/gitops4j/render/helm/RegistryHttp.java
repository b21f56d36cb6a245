package io.gitops4j.render.helm;

import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of talking to an OCI registry: GETs with a timeout, bodies bounded in bytes and
 * in total time ({@link DownloadDeadline}, over all redirects of one GET), and redirects
 * followed by hand so that credentials go only to the origin they were meant for (blob downloads
 * are often redirected to a storage service) and never to a plain-HTTP URL unless plain HTTP was
 * asked for.
 */
final class RegistryHttp {

    private static final int MAX_REDIRECTS = 5;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final HttpClient http;
    private final Duration timeout;
    private final boolean plainHttp;
    private final DownloadDeadline deadline;

    RegistryHttp(Duration timeout, boolean plainHttp, DownloadDeadline deadline) {
        this.timeout = timeout;
        this.plainHttp = plainHttp;
        this.deadline = deadline;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A GET of {@code url}, redirects followed here; {@code authorization} (may be null) is sent
     * only to {@code url}'s origin. A 200's body is read up to {@code max} bytes; any other
     * answer's body is dropped.
     *
     * @throws HelmException naming {@code what} on a transport failure, an oversized body, a
     *     download past the deadline, a redirect to plain HTTP or too many redirects
     */
    Answer get(String url, String accept, long max, String authorization, String what) {
        try {
            return follow(url, accept, max, authorization, what);
        } catch (IllegalArgumentException e) {
            throw new HelmException("reading " + what + " met an address that is not a URL: "
                    + Redaction.text(String.valueOf(e.getMessage())), e);
        }
    }

    private Answer follow(String url, String accept, long max, String authorization, String what) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        Instant until = BoundedDownload.deadline(deadline);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", accept);
            boolean sameOrigin = origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
            if (authorization != null && sameOrigin) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response;
            try {
                response = BoundedDownload.send(http, request.build(), max, until, deadline, what,
                        Redaction.url(uri.toString()));
            } catch (IOException e) {
                throw new HelmException("cannot read " + what + " from " + uri.getHost() + ": "
                        + Redaction.text(BoundedDownload.reason(e)), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HelmException("interrupted while reading " + what + " from " + uri.getHost(), e);
            }
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                uri = uri.resolve(response.headers().firstValue("Location").get());
                if (!uri.getScheme().equals("https") && !(plainHttp && uri.getScheme().equals("http"))) {
                    throw new HelmException("reading " + what + " redirects to a " + uri.getScheme()
                            + " URL; refusing it");
                }
                continue;
            }
            Optional<RegistryChallenge> challenge = response.headers().firstValue("WWW-Authenticate")
                    .flatMap(RegistryChallenge::parse);
            URI answered = uri;
            String nextLink = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                    .map(m -> answered.resolve(m.group(1)).toString()).orElse(null);
            return new Answer(status, response.body(), challenge, nextLink);
        }
        throw new HelmException("reading " + what + " was redirected more than " + MAX_REDIRECTS + " times");
    }

    /**
     * A registry's answer.
     *
     * @param status the HTTP status
     * @param body the body of a 200, else empty
     * @param challenge the {@code WWW-Authenticate} challenge, when one was given
     * @param nextLink the next page of a paged list ({@code Link: <...>; rel="next"}), or null
     */
    record Answer(int status, byte[] body, Optional<RegistryChallenge> challenge, String nextLink) {
    }
}
