package io.gitops4j.render.helm;

import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GETs of an {@code https://} chart repository ({@code index.yaml} and chart archives), with the
 * repository's {@link HelmRepositoryCredentials} as Argo CD sends them: basic authentication and
 * the TLS client certificate go only to the repository's own origin (scheme, host and port), as
 * Helm's HTTP getter sends them, unless {@code passCredentials} (Argo CD's
 * {@code helm.passCredentials}, Helm's {@code --pass-credentials}) says to send them to every
 * host. Redirects are followed here, at most {@value #MAX_REDIRECTS}, never from https to http,
 * and each hop is judged again, so a redirect to another host carries no credentials. Every hop
 * counts against one download deadline; messages name URLs without credentials.
 */
final class ChartRepositoryHttp {

    static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient plain;
    private final Duration timeout;
    private final DownloadDeadline deadline;
    private final HelmRepositoryLogins logins;
    private final Map<HelmRepositoryCredentials, HttpClient> clients = new ConcurrentHashMap<>();

    ChartRepositoryHttp(Duration timeout, DownloadDeadline deadline, HelmRepositoryLogins logins) {
        this.timeout = timeout;
        this.deadline = deadline;
        this.logins = logins;
        this.plain = builder().build();
    }

    /**
     * The body of a GET of {@code uri}, a file of the repository {@code repository} (or named by
     * its index).
     *
     * @param repository the repository's URL, as the source or dependency names it
     * @param what what is downloaded, for messages
     * @param max the largest body accepted
     * @param passCredentials send the credentials to every host, not only the repository's
     * @throws HelmException naming the URL (without credentials) when it cannot be had
     */
    byte[] get(String repository, URI uri, String what, long max, boolean passCredentials) {
        Optional<HelmRepositoryCredentials> credentials = logins.find(repository);
        URI origin = URI.create(repository);
        Instant end = BoundedDownload.deadline(deadline);
        URI current = uri;
        for (int hop = 0; ; hop++) {
            boolean trusted = credentials.isPresent() && (passCredentials || sameOrigin(origin, current));
            String from = Redaction.url(current.toString());
            HttpResponse<byte[]> response = send(current, trusted ? credentials : Optional.empty(), what, max, end, from);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (!REDIRECTS.contains(status)) {
                throw new HelmException("cannot download " + what + " from " + from + ": HTTP " + status
                        + hint(status, credentials.isPresent(), trusted, repository));
            }
            if (hop >= MAX_REDIRECTS) {
                throw new HelmException("cannot download " + what + " from " + Redaction.url(uri.toString()) + ": more than "
                        + MAX_REDIRECTS + " redirects");
            }
            URI next = next(response, current, what, from);
            if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                throw new HelmException("cannot download " + what + " from " + from + ": it redirects to "
                        + Redaction.url(next.toString()) + ", away from https; refusing it");
            }
            current = next;
        }
    }

    private HttpResponse<byte[]> send(URI uri, Optional<HelmRepositoryCredentials> credentials, String what, long max,
            Instant end, String from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        credentials.filter(HelmRepositoryCredentials::hasBasicAuth).ifPresent(c -> request.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password())
                        .getBytes(StandardCharsets.UTF_8))));
        HttpClient client = credentials.map(c -> client(c, from)).orElse(plain);
        try {
            return BoundedDownload.send(client, request.build(), max, end, deadline, what, from);
        } catch (IOException e) {
            throw new HelmException("cannot download " + what + " from " + from + ": "
                    + Redaction.text(BoundedDownload.reason(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelmException("interrupted while downloading " + what + " from " + from, e);
        }
    }

    private HttpClient client(HelmRepositoryCredentials credentials, String repository) {
        if (!credentials.hasClientCertificate() && !credentials.insecure()) {
            return plain;
        }
        return clients.computeIfAbsent(credentials, c -> builder().sslContext(RepositoryTls.context(c, repository)).build());
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    }

    private static URI next(HttpResponse<byte[]> response, URI current, String what, String from) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new HelmException(
                "cannot download " + what + " from " + from + ": HTTP " + response.statusCode() + " without a Location"));
        try {
            return current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new HelmException("cannot download " + what + " from " + from + ": it redirects to a malformed URL");
        }
    }

    /** Helm's rule for sending credentials: the same scheme, host and port as the repository. */
    static boolean sameOrigin(URI repository, URI target) {
        return repository.getScheme() != null && repository.getScheme().equalsIgnoreCase(target.getScheme())
                && repository.getHost() != null && repository.getHost().equalsIgnoreCase(target.getHost())
                && port(repository) == port(target);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static String hint(int status, boolean hasCredentials, boolean sent, String repository) {
        if (status != 401 && status != 403) {
            return "";
        }
        if (hasCredentials && !sent) {
            return "; it is on another host than its repository " + Redaction.url(repository) + ", which is sent "
                    + "no credentials (set helm.passCredentials to send them to every host)";
        }
        if (hasCredentials) {
            return "; the repository refused its credentials (check the username and password of its Helm repository "
                    + "Secret or Renderer.Builder.helmRepository)";
        }
        return "; the repository needs credentials: give it a Helm repository Secret (type: helm) or "
                + "Renderer.Builder.helmRepository";
    }
}
